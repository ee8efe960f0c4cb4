package io.swapae.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import io.swapae.checkpoint.TorchZip;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CLIP weights and refusing those that do not fit the config. */
class ClipWeightsTest {

    private static StateDict fixture;

    @BeforeAll
    static void read() throws CheckpointException {
        fixture = ClipWeights.read(ClipFixture.file("open_clip_model.safetensors"));
    }

    private static StateDict changed(String key, UnaryOperator<TensorData> change) {
        Map<String, TensorData> tensors = new LinkedHashMap<>(fixture.asMap());
        if (change == null) {
            tensors.remove(key);
        } else {
            tensors.put(key, change.apply(tensors.get(key)));
        }
        return new StateDict(tensors);
    }

    private static TensorData transposed(TensorData t) {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] in = t.toFloats();
        float[] out = new float[in.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = in[i * cols + j];
            }
        }
        return TensorData.ofFloats(t.name(), new long[] {cols, rows}, out);
    }

    @Test
    void fixtureWeightsFitTheirConfigWithTheTokenEmbeddingInFloat16() throws CheckpointException {
        ClipWeights.check(fixture, ClipFixture.config());
        assertThat(fixture.get("token_embedding.weight").dtype()).isEqualTo(TensorData.DType.F16);
        assertThat(fixture.get("logit_scale").shape()).isEmpty();
        assertThat(fixture.size()).isEqualTo(ClipWeights.layout(ClipFixture.config()).size());
    }

    @Test
    void missingTensorIsNamed() {
        assertThatThrownBy(() -> ClipWeights.check(changed("ln_final.bias", null), ClipFixture.config()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'ln_final.bias'").hasMessageContaining("[16]");
    }

    @Test
    void transposedProjectionIsCaughtWithBothShapes() {
        assertThatThrownBy(() -> ClipWeights.check(changed("visual.proj", ClipWeightsTest::transposed),
                ClipFixture.config()))
                .hasMessageContaining("visual.proj").hasMessageContaining("[24, 32]")
                .hasMessageContaining("[32, 24]");
        assertThatThrownBy(() -> ClipWeights.check(changed("text_projection", ClipWeightsTest::transposed),
                ClipFixture.config()))
                .hasMessageContaining("text_projection").hasMessageContaining("[24, 16]")
                .hasMessageContaining("[16, 24]");
    }

    @Test
    void tensorOutsideTheLayoutIsRefused() {
        Map<String, TensorData> tensors = new LinkedHashMap<>(fixture.asMap());
        tensors.put("visual.attn_pool.query", TensorData.ofFloats("visual.attn_pool.query", new long[] {2}, new float[2]));
        assertThatThrownBy(() -> ClipWeights.check(new StateDict(tensors), ClipFixture.config()))
                .hasMessageContaining("'visual.attn_pool.query'").hasMessageContaining("does not have");
    }

    @Test
    void integerTensorIsRefused() {
        StateDict ints = changed("visual.ln_pre.bias", t -> new TensorData(t.name(), TensorData.DType.I32,
                t.shape(), t.data()));
        assertThatThrownBy(() -> ClipWeights.check(ints, ClipFixture.config()))
                .hasMessageContaining("visual.ln_pre.bias").hasMessageContaining("I32");
    }

    @Test
    void modelWithWrongHeadCountDoesNotMatchTheFixture() throws CheckpointException {
        ClipConfig c = ClipFixture.config();
        ClipConfig oneHead = new ClipConfig(c.imageSize(), c.patchSize(), c.visionWidth(), c.visionLayers(), 1,
                c.visionMlpWidth(), c.contextLength(), c.vocabSize(), c.textWidth(), c.textLayers(), c.textHeads(),
                c.textMlpWidth(), c.embedDim(), c.quickGelu());
        try (ClipModel wrong = ClipModel.create(oneHead, fixture, Device.cpu());
             NDManager arrays = NDManager.newBaseManager();
             NDArray input = ClipFixture.ndarray(arrays, "input.npy.gz")) {
            JniUtils.setGradMode(false);
            NDArray features = wrong.encodeImage(input);
            assertThat(ClipFixture.maxAbsDiff(features, "image_features.npy"))
                    .isGreaterThan(100 * ClipFixture.tolerance("image_features.npy"));
        }
    }

    @Test
    void pytorchCheckpointGivesTheSameFeaturesAsSafetensors(@TempDir Path dir) throws Exception {
        TorchZip zip = new TorchZip("open_clip_pytorch_model");
        for (TensorData t : fixture.asMap().values()) {
            zip.floats(t.name(), t.shape(), t.toFloats());
        }
        StateDict fromBin = ClipWeights.read(zip.write(dir.resolve("open_clip_pytorch_model.bin")));
        assertThat(fromBin.keys()).containsExactlyElementsOf(fixture.keys());
        try (ClipModel model = ClipModel.create(ClipFixture.config(), fromBin, Device.cpu());
             NDManager arrays = NDManager.newBaseManager();
             NDArray input = ClipFixture.ndarray(arrays, "input.npy.gz")) {
            JniUtils.setGradMode(false);
            NDArray image = model.encodeImage(input);
            NDArray text = model.encodeText(ClipFixture.tokenIds(), arrays);
            ClipFixture.assertMatches(image, "image_features.npy");
            ClipFixture.assertMatches(text, "text_features.npy");
        }
    }
}
