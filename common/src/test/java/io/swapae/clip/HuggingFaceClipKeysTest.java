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
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Weights in the Hugging Face layout, made from the fixture's, give the fixture's features once renamed. */
class HuggingFaceClipKeysTest {

    /** The fixture's weights as {@code transformers}' {@code CLIPModel} names and shapes them. */
    private static StateDict huggingFaceLayout(StateDict openClip) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (TensorData t : openClip.asMap().values()) {
            String key = t.name()
                    .replace("visual.transformer.resblocks.", "vision_model.encoder.layers.")
                    .replaceFirst("^transformer\\.resblocks\\.", "text_model.encoder.layers.")
                    .replace(".ln_1.", ".layer_norm1.").replace(".ln_2.", ".layer_norm2.")
                    .replace(".attn.out_proj.", ".self_attn.out_proj.")
                    .replace(".mlp.c_fc.", ".mlp.fc1.").replace(".mlp.c_proj.", ".mlp.fc2.")
                    .replace("visual.class_embedding", "vision_model.embeddings.class_embedding")
                    .replace("visual.conv1.weight", "vision_model.embeddings.patch_embedding.weight")
                    .replace("visual.positional_embedding", "vision_model.embeddings.position_embedding.weight")
                    .replace("visual.ln_pre.", "vision_model.pre_layrnorm.")
                    .replace("visual.ln_post.", "vision_model.post_layernorm.")
                    .replace("token_embedding.weight", "text_model.embeddings.token_embedding.weight")
                    .replaceFirst("^positional_embedding$", "text_model.embeddings.position_embedding.weight")
                    .replace("ln_final.", "text_model.final_layer_norm.");
            if (key.contains(".attn.in_proj_")) {
                float[] all = t.toFloats();
                long[] shape = t.shape().clone();
                shape[0] /= 3;
                int n = all.length / 3;
                String kind = key.endsWith("weight") ? "weight" : "bias";
                String base = key.substring(0, key.indexOf(".attn.in_proj_")) + ".self_attn.";
                for (int i = 0; i < 3; i++) {
                    String name = base + "qkv".charAt(i) + "_proj." + kind;
                    out.put(name, TensorData.ofFloats(name, shape, Arrays.copyOfRange(all, i * n, (i + 1) * n)));
                }
            } else if (key.equals("visual.proj") || key.equals("text_projection")) {
                String name = key.equals("visual.proj") ? "visual_projection.weight" : "text_projection.weight";
                out.put(name, transposed(t, name));
            } else {
                out.put(key, new TensorData(key, t.dtype(), t.shape(), t.data()));
            }
        }
        out.put("text_model.embeddings.position_ids", new TensorData("text_model.embeddings.position_ids",
                TensorData.DType.I64, new long[] {1, 77}, ByteBuffer.allocate(77 * 8)));
        return new StateDict(out);
    }

    private static TensorData transposed(TensorData t, String name) {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] in = t.toFloats();
        float[] out = new float[in.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = in[i * cols + j];
            }
        }
        return TensorData.ofFloats(name, new long[] {cols, rows}, out);
    }

    @Test
    void huggingFaceWeightsGiveTheFixtureFeatures() throws CheckpointException {
        StateDict openClip = ClipWeights.read(ClipFixture.file("open_clip_model.safetensors"));
        StateDict hf = huggingFaceLayout(openClip);
        assertThat(HuggingFaceClipKeys.isHuggingFace(hf)).isTrue();
        assertThat(HuggingFaceClipKeys.isHuggingFace(openClip)).isFalse();
        StateDict renamed = HuggingFaceClipKeys.toOpenClip(hf);
        assertThat(renamed.keys()).containsExactlyInAnyOrderElementsOf(openClip.keys());
        try (ClipModel model = ClipModel.create(ClipFixture.config(), renamed, Device.cpu());
             NDManager arrays = NDManager.newBaseManager();
             NDArray input = ClipFixture.ndarray(arrays, "input.npy.gz")) {
            JniUtils.setGradMode(false);
            NDArray image = model.encodeImage(input);
            NDArray text = model.encodeText(ClipFixture.tokenIds(), arrays);
            ClipFixture.assertMatches(image, "image_features.npy");
            ClipFixture.assertMatches(text, "text_features.npy");
        }
    }

    @Test
    void unknownTensorIsNamed() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("vision_model.encoder.layers.0.self_attn.rotary.weight", TensorData.ofFloats(
                "vision_model.encoder.layers.0.self_attn.rotary.weight", new long[] {1}, new float[1]));
        assertThatThrownBy(() -> HuggingFaceClipKeys.toOpenClip(new StateDict(tensors)))
                .hasMessageContaining("'vision_model.encoder.layers.0.self_attn.rotary.weight'");
    }

    @Test
    void missingValueProjectionIsNamed() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (String part : new String[] {"q_proj", "k_proj"}) {
            String key = "text_model.encoder.layers.0.self_attn." + part + ".bias";
            tensors.put(key, TensorData.ofFloats(key, new long[] {2}, new float[2]));
        }
        assertThatThrownBy(() -> HuggingFaceClipKeys.toOpenClip(new StateDict(tensors)))
                .hasMessageContaining("transformer.resblocks.0.attn.in_proj_bias").hasMessageContaining("v_proj");
    }
}
