package io.swapae.clip;

import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP weights in the Hugging Face {@code transformers} layout ({@code openai/clip-vit-*}:
 * {@code vision_model.encoder.layers.N.self_attn.q_proj.weight}, {@code visual_projection.weight}, ...) renamed to the
 * OpenAI / open_clip layout that {@link ClipModel} reads: query, key and value projections stacked into
 * {@code in_proj} as {@code [Wq; Wk; Wv]}, the two bias-free projection layers ({@code [out, in]}) transposed into
 * {@code x @ P} matrices ({@code [in, out]}), {@code position_ids} buffers dropped. Head counts and the activation
 * come from the model's {@code config.json}, not from here.
 */
public final class HuggingFaceClipKeys {

    private static final Pattern LAYER = Pattern.compile("(vision|text)_model\\.encoder\\.layers\\.(\\d+)\\.(.+)");
    private static final Map<String, String> LAYER_PARTS = Map.of(
            "layer_norm1", "ln_1", "layer_norm2", "ln_2", "self_attn.out_proj", "attn.out_proj",
            "mlp.fc1", "mlp.c_fc", "mlp.fc2", "mlp.c_proj");
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("vision_model.embeddings.class_embedding", "visual.class_embedding"),
            Map.entry("vision_model.embeddings.patch_embedding.weight", "visual.conv1.weight"),
            Map.entry("vision_model.embeddings.position_embedding.weight", "visual.positional_embedding"),
            Map.entry("vision_model.pre_layrnorm.weight", "visual.ln_pre.weight"),
            Map.entry("vision_model.pre_layrnorm.bias", "visual.ln_pre.bias"),
            Map.entry("vision_model.post_layernorm.weight", "visual.ln_post.weight"),
            Map.entry("vision_model.post_layernorm.bias", "visual.ln_post.bias"),
            Map.entry("text_model.embeddings.token_embedding.weight", "token_embedding.weight"),
            Map.entry("text_model.embeddings.position_embedding.weight", "positional_embedding"),
            Map.entry("text_model.final_layer_norm.weight", "ln_final.weight"),
            Map.entry("text_model.final_layer_norm.bias", "ln_final.bias"),
            Map.entry("logit_scale", "logit_scale"));

    private HuggingFaceClipKeys() {
    }

    /** Whether {@code weights} are in the Hugging Face layout. */
    public static boolean isHuggingFace(StateDict weights) {
        return weights.contains("vision_model.embeddings.patch_embedding.weight");
    }

    /** {@code weights} in the OpenAI / open_clip layout; a key this mapping does not know is refused by name. */
    public static StateDict toOpenClip(StateDict weights) throws CheckpointException {
        Map<String, TensorData> out = new LinkedHashMap<>();
        Map<String, TensorData[]> qkv = new LinkedHashMap<>();
        for (TensorData t : weights.asMap().values()) {
            String key = t.name();
            Matcher layer = LAYER.matcher(key);
            if (key.endsWith("embeddings.position_ids")) {
                continue;
            } else if (NAMES.containsKey(key)) {
                out.put(NAMES.get(key), renamed(t, NAMES.get(key)));
            } else if (key.equals("visual_projection.weight")) {
                out.put("visual.proj", transposed(t, "visual.proj"));
            } else if (key.equals("text_projection.weight")) {
                out.put("text_projection", transposed(t, "text_projection"));
            } else if (layer.matches()) {
                String prefix = (layer.group(1).equals("vision") ? "visual.transformer.resblocks."
                        : "transformer.resblocks.") + layer.group(2) + ".";
                String rest = layer.group(3);
                int dot = rest.lastIndexOf('.');
                String part = rest.substring(0, dot);
                String kind = rest.substring(dot + 1);
                int slot = part.equals("self_attn.q_proj") ? 0 : part.equals("self_attn.k_proj") ? 1
                        : part.equals("self_attn.v_proj") ? 2 : -1;
                if (slot >= 0) {
                    qkv.computeIfAbsent(prefix + "attn.in_proj_" + kind, k -> new TensorData[3])[slot] = t;
                } else if (LAYER_PARTS.containsKey(part)) {
                    String name = prefix + LAYER_PARTS.get(part) + "." + kind;
                    out.put(name, renamed(t, name));
                } else {
                    throw new CheckpointException("Hugging Face CLIP weights: unknown tensor '" + key + "'");
                }
            } else {
                throw new CheckpointException("Hugging Face CLIP weights: unknown tensor '" + key + "'");
            }
        }
        for (Map.Entry<String, TensorData[]> e : qkv.entrySet()) {
            out.put(e.getKey(), stacked(e.getKey(), e.getValue()));
        }
        return new StateDict(out);
    }

    private static TensorData renamed(TensorData t, String name) {
        return new TensorData(name, t.dtype(), t.shape(), t.data());
    }

    private static TensorData transposed(TensorData t, String name) throws CheckpointException {
        if (t.shape().length != 2) {
            throw new CheckpointException(t.name() + ": expected a matrix, got shape " + Arrays.toString(t.shape()));
        }
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

    /** The q, k and v tensors one after the other along the first axis. */
    private static TensorData stacked(String name, TensorData[] parts) throws CheckpointException {
        for (int i = 0; i < 3; i++) {
            if (parts[i] == null) {
                throw new CheckpointException("Hugging Face CLIP weights: " + name + " lacks its "
                        + "qkv".charAt(i) + "_proj part");
            }
            if (!Arrays.equals(parts[i].shape(), parts[0].shape())) {
                throw new CheckpointException(name + ": q_proj has shape " + Arrays.toString(parts[0].shape())
                        + ", " + "qkv".charAt(i) + "_proj " + Arrays.toString(parts[i].shape()));
            }
        }
        long[] shape = parts[0].shape().clone();
        shape[0] *= 3;
        ByteBuffer joined = ByteBuffer.allocate(Math.toIntExact(TensorData.elementCount(shape) * 4))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (TensorData p : parts) {
            for (float v : p.toFloats()) {
                joined.putFloat(v);
            }
        }
        return new TensorData(name, TensorData.DType.F32, shape, joined.flip());
    }
}
