package io.swapae.clip;

import static io.swapae.clip.ClipFixture.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.image.ImageDecoder;
import io.swapae.image.RgbImage;
import io.swapae.testing.Npy;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CLIP preprocessing against open_clip's transform, and its differentiable version for generated images. */
class ClipPreprocessTest {

    private static final ClipPreprocess PREPROCESS = new ClipPreprocess(224);
    private NDManager arrays;

    @BeforeEach
    void open() {
        arrays = NDManager.newBaseManager();
        JniUtils.setGradMode(false);
    }

    @AfterEach
    void close() {
        arrays.close();
    }

    private static RgbImage image(String name) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(ClipFixture.file(name)));
    }

    @Test
    void fixtureImagesGiveExactlyTheFixtureInput() throws Exception {
        List<String> names = List.of("images/img0_landscape.png", "images/img1_geometric.png",
                "images/img2_texture.png");
        float[] all = new float[names.size() * 3 * 224 * 224];
        for (int i = 0; i < names.size(); i++) {
            float[] one = PREPROCESS.toInput(image(names.get(i)));
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        Npy.Array expected = ClipFixture.array("input.npy.gz");
        assertThat(Arrays.equals(all, expected.values())).as("input.npy.gz bit for bit").isTrue();
    }

    @Test
    void wideImageIsResizedAndCroppedAsPillowAndTorchvisionDo() throws Exception {
        RgbImage wide = image("preprocess/wide_300x200.png");
        assertThat(PREPROCESS.resizedSize(300, 200)).containsExactly(336, 224);
        assertThat(PREPROCESS.resizedAndCropped(wide)).isEqualTo(image("preprocess/wide_300x200_crop224.png"));
        try (NDArray input = arrays.create(PREPROCESS.toInput(wide), new Shape(1, 3, 224, 224))) {
            double diff = assertMatches(input, "preprocess/wide_300x200_input.npy.gz");
            assertThat(diff).isZero();
        }
    }

    @Test
    void generatedImageAtInputSizeMatchesThe8BitPath() throws Exception {
        RgbImage image = image("images/img2_texture.png");
        float[] pixels = new float[3 * 224 * 224];
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                for (int c = 0; c < 3; c++) {
                    pixels[c * 224 * 224 + y * 224 + x] = image.get(x, y, c) / 255f * 2 - 1;
                }
            }
        }
        try (NDArray generated = arrays.create(pixels, new Shape(1, 3, 224, 224));
             NDArray input = PREPROCESS.fromGenerated(generated)) {
            float[] expected = PREPROCESS.toInput(image);
            float[] actual = input.toFloatArray();
            double max = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(actual[i] - expected[i]));
            }
            assertThat(max).isLessThan(1e-5);
            assertThat(input.getManager()).isSameAs(arrays);
        }
    }

    @Test
    void generatedImageOfOneColourStaysThatColourAfterResizeAndCrop() {
        try (NDArray generated = arrays.full(new Shape(2, 3, 256, 320), 0.2f);
             NDArray input = PREPROCESS.fromGenerated(generated)) {
            assertThat(input.getShape()).isEqualTo(new Shape(2, 3, 224, 224));
            float[] values = input.toFloatArray();
            int plane = 224 * 224;
            for (int c = 0; c < 3; c++) {
                float expected = (0.6f - ClipPreprocess.MEAN[c]) / ClipPreprocess.STD[c];
                assertThat(values[c * plane + 1000]).isCloseTo(expected, offset(1e-5f));
                assertThat(values[3 * plane + c * plane + plane - 1])
                        .isCloseTo(expected, offset(1e-5f));
            }
        }
    }

    @Test
    void gradientFlowsBackToTheGeneratedPixelsThroughTheCrop() {
        try (NDArray generated = arrays.randomUniform(-1f, 1f, new Shape(1, 3, 200, 300));
             ThreadGradients.Result r = ThreadGradients.compute(generated,
                     x -> PREPROCESS.fromGenerated(x).sum())) {
            NDArray gradient = r.gradients().get(0);
            assertThat(gradient.getShape()).isEqualTo(new Shape(1, 3, 200, 300));
            float[] g = gradient.toFloatArray();
            assertThat(g[100 * 300 + 150]).as("centre pixel").isGreaterThan(0f);
            assertThat(g[100 * 300]).as("left edge, cropped away").isZero();
        }
    }

    @Test
    void malformedGeneratedImagesAreRefused() {
        try (NDArray gray = arrays.zeros(new Shape(1, 1, 64, 64))) {
            assertThatThrownBy(() -> PREPROCESS.fromGenerated(gray))
                    .hasMessageContaining("[B, 3, H, W]").hasMessageContaining("(1, 1, 64, 64)");
        }
        assertThatThrownBy(() -> new ClipPreprocess(0)).hasMessageContaining("got 0");
    }
}
