package io.swapae.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.image.RgbImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class GifWriterTest {

    /** Mean error per sample of the writer's 256-colour palettes, no dithering, on {@link MovingPattern}: 8.3 measured. */
    private static final double MAX_MEAN_ABS_ERROR = 12;

    @TempDir
    Path dir;

    @Test
    void gifReadsBackAsALoopingAnimationOfTheFrames() throws Exception {
        Path file = dir.resolve("clip.gif");
        try (GifWriter writer = new GifWriter(file, 12)) {
            for (int i = 0; i < 16; i++) {
                writer.append(MovingPattern.frame(i, 64, 48));
            }
            assertThat(writer.delayCentiseconds()).isEqualTo(8);
        }

        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);

            assertThat(reader.getNumImages(true)).isEqualTo(16);
            for (int i = 0; i < 16; i++) {
                RgbImage frame = rgb(reader.read(i));
                assertThat(frame.width()).isEqualTo(64);
                assertThat(frame.height()).isEqualTo(48);
                assertThat(MovingPattern.meanAbsError(frame, MovingPattern.frame(i, 64, 48)))
                        .as("frame %d against what was written", i).isLessThan(MAX_MEAN_ABS_ERROR);
                if (i > 0) {
                    assertThat(MovingPattern.meanAbsError(frame, MovingPattern.frame(0, 64, 48)))
                            .as("frame %d against frame 0", i).isGreaterThan(2 * MAX_MEAN_ABS_ERROR);
                }
                IIOMetadataNode metadata = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                assertThat(child(metadata, "GraphicControlExtension").getAttribute("delayTime")).isEqualTo("8");
            }
            IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0)
                    .getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode loop = child(child(first, "ApplicationExtensions"), "ApplicationExtension");
            assertThat(loop.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat(loop.getAttribute("authenticationCode")).isEqualTo("2.0");
            assertThat((byte[]) loop.getUserObject()).containsExactly(1, 0, 0);
            reader.dispose();
        }
    }

    @Test
    void frameRateBecomesTheNearestDelayInHundredths() throws Exception {
        try (GifWriter thirty = new GifWriter(dir.resolve("30.gif"), 30);
                GifWriter one = new GifWriter(dir.resolve("1.gif"), 1)) {
            thirty.append(RgbImage.black(2, 2));
            one.append(RgbImage.black(2, 2));

            assertThat(thirty.delayCentiseconds()).isEqualTo(3);
            assertThat(one.delayCentiseconds()).isEqualTo(100);
        }
    }

    @Test
    void frameRateAboveFiftyIsRefused() {
        assertThatThrownBy(() -> new GifWriter(dir.resolve("fast.gif"), 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..50").hasMessageContaining("60");
    }

    @Test
    void frameOfAnotherSizeIsRefused() throws Exception {
        try (GifWriter writer = new GifWriter(dir.resolve("sizes.gif"), 10)) {
            writer.append(RgbImage.black(8, 8));

            assertThatThrownBy(() -> writer.append(RgbImage.black(8, 9)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8x9");
        }
    }

    private static IIOMetadataNode child(Node parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals(name)) {
                return (IIOMetadataNode) node;
            }
        }
        throw new AssertionError("no " + name + " under " + parent.getNodeName());
    }

    private static RgbImage rgb(BufferedImage image) {
        RgbImage out = RgbImage.black(image.getWidth(), image.getHeight());
        byte[] px = out.pixels();
        int o = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                px[o++] = (byte) (argb >> 16);
                px[o++] = (byte) (argb >> 8);
                px[o++] = (byte) argb;
            }
        }
        return out;
    }
}
