package io.swapae.clip;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import java.util.function.Function;

/**
 * A CLIP model ready to run on one device: {@link #encodeImage} preprocessed images and {@link #encodeText} token ids
 * into features, {@link #normalize} them and score image-text pairs with {@link #logits}. Computes in float32, with
 * the exact layer semantics of OpenAI's CLIP (pre-LN blocks, QuickGELU, causal text mask, end-of-text pooling).
 * Every operation is differentiable, so the image features can be differentiated with respect to the input images
 * (see {@link ThreadGradients}). Thread-safe: the weights are read-only, and each call's results belong to the
 * manager of its input.
 */
public final class ClipModel implements AutoCloseable {

    private final ClipConfig config;
    private final NDManager manager;
    private final VisionTower vision;
    private final TextTower text;
    private final float logitScale;

    private ClipModel(ClipConfig config, NDManager manager, VisionTower vision, TextTower text, float logitScale) {
        this.config = config;
        this.manager = manager;
        this.vision = vision;
        this.text = text;
        this.logitScale = logitScale;
    }

    /**
     * Builds the model of {@code config} from {@code weights} (OpenAI / open_clip keys) on {@code device}. Weights
     * that do not fit the config are refused as {@link ClipWeights#check} says.
     */
    public static ClipModel create(ClipConfig config, StateDict weights, Device device) throws CheckpointException {
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
        try {
            ClipTensors tensors = new ClipTensors(weights, config, manager);
            float scale;
            try (NDArray s = tensors.get("logit_scale"); NDArray e = s.exp()) {
                scale = e.getFloat();
            }
            return new ClipModel(config, manager, new VisionTower(tensors, config), new TextTower(tensors, config),
                    scale);
        } catch (CheckpointException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The architecture. */
    public ClipConfig config() {
        return config;
    }

    /** {@code exp(logit_scale)}, the temperature of {@link #logits}, as stored in the weights. */
    public float logitScale() {
        return logitScale;
    }

    /** Image features {@code [B, E]} of preprocessed images {@code [B, 3, S, S]} (float32, {@link ClipPreprocess}). */
    public NDArray encodeImage(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != config.imageSize() || s.get(3) != config.imageSize()
                || images.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("images must be float32 [B, 3, " + config.imageSize() + ", "
                    + config.imageSize() + "], got " + images.getDataType() + " " + s);
        }
        return scoped(images, vision::encode);
    }

    /** Text features {@code [B, E]} of token ids {@code [B, context]} (int64, as {@link ClipTokenizer} makes them). */
    public NDArray encodeText(NDArray ids) {
        Shape s = ids.getShape();
        if (s.dimension() != 2 || s.get(1) != config.contextLength() || ids.getDataType() != DataType.INT64) {
            throw new IllegalArgumentException("token ids must be int64 [B, " + config.contextLength() + "], got "
                    + ids.getDataType() + " " + s);
        }
        try (NDArray min = ids.min(); NDArray max = ids.max()) {
            if (min.getLong() < 0 || max.getLong() >= config.vocabSize()) {
                throw new IllegalArgumentException("token ids must lie in 0.." + (config.vocabSize() - 1)
                        + ", got " + min.getLong() + ".." + max.getLong());
            }
        }
        return scoped(ids, text::encode);
    }

    /** Text features {@code [B, E]} of token ids, one row per text; the result belongs to {@code arrays}. */
    public NDArray encodeText(long[][] ids, NDManager arrays) {
        long[] flat = new long[ids.length * config.contextLength()];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != config.contextLength()) {
                throw new IllegalArgumentException("text " + i + " has " + ids[i].length + " token ids, the model takes "
                        + config.contextLength());
            }
            System.arraycopy(ids[i], 0, flat, i * config.contextLength(), ids[i].length);
        }
        try (NDArray array = arrays.create(flat, new Shape(ids.length, config.contextLength()))) {
            return encodeText(array);
        }
    }

    /** {@code features / max(||features||_2, 1e-12)} per row. */
    public static NDArray normalize(NDArray features) {
        return Layers.l2Normalize(features);
    }

    /**
     * {@code logits_per_image}: {@code exp(logit_scale) * normalize(image) @ normalize(text)^T}, {@code [images,
     * texts]}; its transpose is {@code logits_per_text}.
     */
    public NDArray logits(NDArray imageFeatures, NDArray textFeatures) {
        try (NDArray img = normalize(imageFeatures);
             NDArray txt = normalize(textFeatures);
             NDArray scaled = img.mul(logitScale);
             NDArray txtT = txt.transpose()) {
            return Layers.project(scaled, txtT);
        }
    }

    VisionTower vision() {
        return vision;
    }

    TextTower text() {
        return text;
    }

    /**
     * {@code step} applied with its intermediates in a child manager of {@code input}'s, closed on return; the result
     * goes to {@code input}'s manager.
     */
    static NDArray scoped(NDArray input, Function<NDArray, NDArray> step) {
        NDManager owner = input.getManager();
        try (NDManager scope = owner.newSubManager()) {
            input.tempAttach(scope);
            NDArray out = step.apply(input);
            out.attach(owner);
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
