package io.swapae.clip;

import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.PthReader;
import io.swapae.checkpoint.SafetensorsReader;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import io.swapae.checkpoint.WeightsFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CLIP weights in the OpenAI / open_clip state-dict layout ({@code visual.conv1.weight},
 * {@code visual.transformer.resblocks.N.attn.in_proj_weight}, {@code token_embedding.weight}, {@code logit_scale},
 * ...): reading them from a safetensors file or a PyTorch zip checkpoint ({@code open_clip_pytorch_model.bin}), and
 * checking them against a {@link ClipConfig} before a model is built. A missing tensor names its key; a wrong shape
 * names the key and both shapes; a tensor the layout does not have, or that is not floating point, is refused.
 * Hugging Face {@code transformers} weights are read too, renamed to this layout.
 */
public final class ClipWeights {

    private ClipWeights() {
    }

    /**
     * Every tensor of {@code file}, a safetensors file or a PyTorch zip checkpoint (told apart by content), in the
     * OpenAI / open_clip layout; weights in the Hugging Face layout are renamed ({@link HuggingFaceClipKeys}).
     */
    public static StateDict read(Path file) throws CheckpointException {
        StateDict weights = switch (WeightsFormat.detect(file)) {
            case SAFETENSORS -> SafetensorsReader.read(file).tensors();
            case PYTORCH_ZIP -> PthReader.read(file, key -> true);
        };
        return HuggingFaceClipKeys.isHuggingFace(weights) ? HuggingFaceClipKeys.toOpenClip(weights) : weights;
    }

    /** The tensors a model of {@code config} has, with their shapes, in state-dict order. */
    public static Map<String, long[]> layout(ClipConfig c) {
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put("positional_embedding", shape(c.contextLength(), c.textWidth()));
        out.put("text_projection", shape(c.textWidth(), c.embedDim()));
        out.put("logit_scale", shape());
        out.put("visual.class_embedding", shape(c.visionWidth()));
        out.put("visual.positional_embedding", shape(c.visionTokens(), c.visionWidth()));
        out.put("visual.proj", shape(c.visionWidth(), c.embedDim()));
        out.put("visual.conv1.weight", shape(c.visionWidth(), 3, c.patchSize(), c.patchSize()));
        out.put("visual.ln_pre.weight", shape(c.visionWidth()));
        out.put("visual.ln_pre.bias", shape(c.visionWidth()));
        for (int i = 0; i < c.visionLayers(); i++) {
            block(out, "visual.transformer.resblocks." + i, c.visionWidth(), c.visionMlpWidth());
        }
        out.put("visual.ln_post.weight", shape(c.visionWidth()));
        out.put("visual.ln_post.bias", shape(c.visionWidth()));
        out.put("token_embedding.weight", shape(c.vocabSize(), c.textWidth()));
        for (int i = 0; i < c.textLayers(); i++) {
            block(out, "transformer.resblocks." + i, c.textWidth(), c.textMlpWidth());
        }
        out.put("ln_final.weight", shape(c.textWidth()));
        out.put("ln_final.bias", shape(c.textWidth()));
        return out;
    }

    private static void block(Map<String, long[]> out, String prefix, int width, int mlp) {
        out.put(prefix + ".ln_1.weight", shape(width));
        out.put(prefix + ".ln_1.bias", shape(width));
        out.put(prefix + ".attn.in_proj_weight", shape(3L * width, width));
        out.put(prefix + ".attn.in_proj_bias", shape(3L * width));
        out.put(prefix + ".attn.out_proj.weight", shape(width, width));
        out.put(prefix + ".attn.out_proj.bias", shape(width));
        out.put(prefix + ".ln_2.weight", shape(width));
        out.put(prefix + ".ln_2.bias", shape(width));
        out.put(prefix + ".mlp.c_fc.weight", shape(mlp, width));
        out.put(prefix + ".mlp.c_fc.bias", shape(mlp));
        out.put(prefix + ".mlp.c_proj.weight", shape(width, mlp));
        out.put(prefix + ".mlp.c_proj.bias", shape(width));
    }

    /** At most 120 characters of an untrusted key, non-printable ones as {@code ?}. */
    private static String printable(String key) {
        String cut = key.length() > 120 ? key.substring(0, 120) + "..." : key;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static long[] shape(long... dims) {
        return dims;
    }

    /**
     * Refuses {@code weights} unless they hold exactly the tensors of {@link #layout} with those shapes, in a
     * floating-point type ({@code logit_scale} may also be stored as shape {@code [1]}).
     */
    public static void check(StateDict weights, ClipConfig config) throws CheckpointException {
        Map<String, long[]> layout = layout(config);
        for (Map.Entry<String, long[]> e : layout.entrySet()) {
            String key = e.getKey();
            if (!weights.contains(key)) {
                throw new CheckpointException("CLIP weights have no tensor '" + key + "' (expected shape "
                        + Arrays.toString(e.getValue()) + ")");
            }
            TensorData t = weights.get(key);
            boolean scalar = key.equals("logit_scale") && Arrays.equals(t.shape(), new long[] {1});
            if (!Arrays.equals(t.shape(), e.getValue()) && !scalar) {
                throw new CheckpointException(key + ": weights have shape " + Arrays.toString(t.shape())
                        + ", the CLIP config expects " + Arrays.toString(e.getValue()));
            }
            if (t.dtype() != TensorData.DType.F32 && t.dtype() != TensorData.DType.F16
                    && t.dtype() != TensorData.DType.BF16 && t.dtype() != TensorData.DType.F64) {
                throw new CheckpointException(key + ": holds " + t.dtype() + ", not a floating-point type");
            }
        }
        for (String key : weights.keys()) {
            if (!layout.containsKey(key)) {
                throw new CheckpointException("CLIP weights have tensor '" + printable(key)
                        + "', which the CLIP layout of this config does not have");
            }
        }
    }
}
