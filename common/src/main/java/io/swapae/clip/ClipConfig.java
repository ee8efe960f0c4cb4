package io.swapae.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The architecture of a CLIP model (OpenAI's ViT image tower and text transformer): sizes, depths and head counts of
 * both towers, the shared embedding size and the activation. Read from an open_clip {@code open_clip_config.json}
 * ({@link #fromOpenClip}), taken from the presets of OpenAI's released ViT models ({@link #preset}), or inferred from
 * the weights' shapes with the head counts given ({@link #inferFrom}). Head counts always come from the config:
 * OpenAI's loader guesses {@code width / 64}, which holds for its own models only.
 *
 * @param imageSize     side of the square input image in pixels
 * @param patchSize     side of one patch (the stride of the patch embedding)
 * @param visionWidth   token width of the image transformer
 * @param visionLayers  residual blocks of the image transformer
 * @param visionHeads   attention heads of the image transformer
 * @param visionMlpWidth hidden width of the image transformer's MLPs
 * @param contextLength tokens per text
 * @param vocabSize     rows of the token embedding
 * @param textWidth     token width of the text transformer
 * @param textLayers    residual blocks of the text transformer
 * @param textHeads     attention heads of the text transformer
 * @param textMlpWidth  hidden width of the text transformer's MLPs
 * @param embedDim      size of the image and text features
 * @param quickGelu     {@code x * sigmoid(1.702 x)} (OpenAI's models) rather than erf GELU in the MLPs
 */
public record ClipConfig(int imageSize, int patchSize, int visionWidth, int visionLayers, int visionHeads,
                         int visionMlpWidth, int contextLength, int vocabSize, int textWidth, int textLayers,
                         int textHeads, int textMlpWidth, int embedDim, boolean quickGelu) {

    /** open_clip names of the presets, in the order {@link #preset} lists them. */
    public static final List<String> PRESETS = List.of("ViT-B-32", "ViT-B-16", "ViT-L-14", "ViT-L-14-336");

    private static final ObjectMapper JSON = new ObjectMapper();

    public ClipConfig {
        positive("image_size", imageSize);
        positive("patch_size", patchSize);
        positive("vision width", visionWidth);
        positive("vision layers", visionLayers);
        positive("vision heads", visionHeads);
        positive("vision MLP width", visionMlpWidth);
        positive("context_length", contextLength);
        positive("vocab_size", vocabSize);
        positive("text width", textWidth);
        positive("text layers", textLayers);
        positive("text heads", textHeads);
        positive("text MLP width", textMlpWidth);
        positive("embed_dim", embedDim);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("image_size " + imageSize + " is not a multiple of patch_size "
                    + patchSize);
        }
        if (visionWidth % visionHeads != 0) {
            throw new IllegalArgumentException("vision width " + visionWidth + " does not split into " + visionHeads
                    + " heads");
        }
        if (textWidth % textHeads != 0) {
            throw new IllegalArgumentException("text width " + textWidth + " does not split into " + textHeads
                    + " heads");
        }
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }

    /** Patches per side of the image. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Tokens of the image transformer: the class token and one per patch. */
    public int visionTokens() {
        return 1 + gridSize() * gridSize();
    }

    /**
     * One of OpenAI's released ViT models under its open_clip name ({@link #PRESETS}; {@code ViT-B/32} spelling
     * accepted): QuickGELU, 77-token context, 49408-token vocabulary.
     */
    public static ClipConfig preset(String name) {
        return switch (name.replace('/', '-').replace("@336px", "-336")) {
            case "ViT-B-32" -> openAi(224, 32, 768, 12, 12, 512, 8, 12, 512);
            case "ViT-B-16" -> openAi(224, 16, 768, 12, 12, 512, 8, 12, 512);
            case "ViT-L-14" -> openAi(224, 14, 1024, 24, 16, 768, 12, 12, 768);
            case "ViT-L-14-336" -> openAi(336, 14, 1024, 24, 16, 768, 12, 12, 768);
            default -> throw new IllegalArgumentException("unknown CLIP preset '" + name + "'; known: " + PRESETS);
        };
    }

    private static ClipConfig openAi(int image, int patch, int vWidth, int vLayers, int vHeads, int tWidth,
                                     int tHeads, int tLayers, int embed) {
        return new ClipConfig(image, patch, vWidth, vLayers, vHeads, 4 * vWidth, 77, 49408, tWidth, tLayers,
                tHeads, 4 * tWidth, embed, true);
    }

    /** The {@code model_cfg} of an open_clip {@code open_clip_config.json} (or of a bare model config file). */
    public static ClipConfig fromOpenClip(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file.getFileName() + ": not readable JSON: " + e.getMessage(), e);
        }
        try {
            return fromOpenClip(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The architecture of an open_clip config: {@code {"model_cfg": {...}}} or the model config itself. Options
     * that would change the network beyond OpenAI's CLIP layout (timm or Hugging Face towers, attentional pooling,
     * layer scale, ...) are refused, naming the option, its value and what is accepted.
     */
    public static ClipConfig fromOpenClip(JsonNode root) {
        JsonNode model = root.has("model_cfg") ? root.get("model_cfg") : root;
        Options m = new Options("model_cfg", model, Set.of("embed_dim", "quick_gelu", "vision_cfg", "text_cfg"),
                Map.of("custom_text", "false", "init_logit_bias", "null"),
                Set.of("cast_dtype", "init_logit_scale"));
        Options v = new Options("vision_cfg", m.object("vision_cfg"),
                Set.of("image_size", "layers", "width", "head_width", "patch_size", "mlp_ratio"),
                neutral("ls_init_value", "null", "attentional_pool", "false", "no_ln_pre", "false",
                        "pos_embed_type", "\"learnable\"", "final_ln_after_pool", "false", "pool_type", "\"tok\"",
                        "output_tokens", "false", "timm_model_name", "null", "act_kwargs", "null",
                        "norm_kwargs", "null"),
                Set.of("patch_dropout"));
        Options t = new Options("text_cfg", m.object("text_cfg"),
                Set.of("context_length", "vocab_size", "width", "heads", "layers", "mlp_ratio"),
                neutral("ls_init_value", "null", "hf_model_name", "null", "embed_cls", "false",
                        "no_causal_mask", "false", "pool_type", "\"argmax\"", "proj_bias", "false",
                        "proj_type", "\"linear\"", "output_tokens", "false", "act_kwargs", "null",
                        "norm_kwargs", "null", "pad_id", "0"),
                Set.of("hf_tokenizer_name", "tokenizer_kwargs"));
        int vWidth = v.integer("width", 768);
        int headWidth = v.integer("head_width", 64);
        if (headWidth < 1 || vWidth % headWidth != 0) {
            throw new IllegalArgumentException("vision_cfg.head_width " + headWidth + " does not divide width "
                    + vWidth);
        }
        int tWidth = t.integer("width", 512);
        return new ClipConfig(v.integer("image_size", 224), v.integer("patch_size", 16), vWidth,
                v.integer("layers", 12), vWidth / headWidth, mlpWidth(vWidth, v.number("mlp_ratio", 4.0)),
                t.integer("context_length", 77), t.integer("vocab_size", 49408), tWidth, t.integer("layers", 12),
                t.integer("heads", 8), mlpWidth(tWidth, t.number("mlp_ratio", 4.0)), m.integer("embed_dim", -1),
                m.bool("quick_gelu"));
    }

    private static int mlpWidth(int width, double ratio) {
        return (int) (width * ratio);
    }

    private static Map<String, String> neutral(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /**
     * The architecture of CLIP weights in the OpenAI / open_clip layout, read from their shapes. Head counts and the
     * activation cannot be seen in shapes: they are given.
     */
    public static ClipConfig inferFrom(StateDict weights, int visionHeads, int textHeads, boolean quickGelu)
            throws CheckpointException {
        long[] conv = weights.get("visual.conv1.weight").shape();
        long[] pos = weights.get("visual.positional_embedding").shape();
        long[] proj = weights.get("visual.proj").shape();
        long[] tokens = weights.get("token_embedding.weight").shape();
        long[] textPos = weights.get("positional_embedding").shape();
        if (conv.length != 4 || pos.length != 2 || proj.length != 2 || tokens.length != 2 || textPos.length != 2) {
            throw new CheckpointException("CLIP weights: visual.conv1.weight, visual.positional_embedding, visual.proj, "
                    + "token_embedding.weight and positional_embedding have unexpected ranks");
        }
        int grid = (int) Math.round(Math.sqrt(pos[0] - 1));
        if ((long) grid * grid + 1 != pos[0]) {
            throw new CheckpointException("visual.positional_embedding has " + pos[0]
                    + " rows: not a class token plus a square grid of patches");
        }
        int visionWidth = (int) conv[0];
        int textWidth = (int) tokens[1];
        try {
            return new ClipConfig(grid * (int) conv[2], (int) conv[2], visionWidth,
                    blocks(weights, "visual.transformer.resblocks."), visionHeads,
                    mlpRows(weights, "visual.transformer.resblocks.0.mlp.c_fc.weight"), (int) textPos[0],
                    (int) tokens[0], textWidth, blocks(weights, "transformer.resblocks."), textHeads,
                    mlpRows(weights, "transformer.resblocks.0.mlp.c_fc.weight"), (int) proj[1], quickGelu);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("CLIP weights: " + e.getMessage());
        }
    }

    private static int blocks(StateDict weights, String prefix) {
        int n = 0;
        while (weights.contains(prefix + n + ".ln_1.weight")) {
            n++;
        }
        return n;
    }

    private static int mlpRows(StateDict weights, String key) throws CheckpointException {
        return (int) weights.get(key).shape()[0];
    }

    /** The options of one config object: which are read, which may appear only with their neutral value. */
    private static final class Options {
        private final String where;
        private final JsonNode node;

        Options(String where, JsonNode node, Set<String> read, Map<String, String> neutral, Set<String> ignored) {
            this.where = where;
            this.node = node;
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(where + " must be a JSON object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey();
                if (read.contains(key) || ignored.contains(key)) {
                    continue;
                }
                String accepted = neutral.get(key);
                if (accepted == null) {
                    throw new IllegalArgumentException(where + "." + key + " is not a supported option; supported: "
                            + read + ", and " + neutral.keySet() + " at their defaults");
                }
                if (!f.getValue().toString().equals(accepted)) {
                    throw new IllegalArgumentException(where + "." + key + " = " + f.getValue()
                            + " is not supported (only OpenAI's CLIP layout is); accepted: " + accepted);
                }
            }
        }

        JsonNode object(String key) {
            return node.get(key);
        }

        int integer(String key, int fallback) {
            JsonNode v = node.get(key);
            if (v == null) {
                if (fallback < 0) {
                    throw new IllegalArgumentException(where + "." + key + " is missing");
                }
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new IllegalArgumentException(where + "." + key + " = " + v + " is not an integer");
            }
            return v.intValue();
        }

        double number(String key, double fallback) {
            JsonNode v = node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw new IllegalArgumentException(where + "." + key + " = " + v + " is not a number");
            }
            return v.doubleValue();
        }

        boolean bool(String key) {
            JsonNode v = node.get(key);
            if (v == null) {
                return false;
            }
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(where + "." + key + " = " + v + " is not true or false");
            }
            return v.booleanValue();
        }
    }
}
