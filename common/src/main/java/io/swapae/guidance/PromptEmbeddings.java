package io.swapae.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.clip.ClipModel;
import io.swapae.clip.ClipPreprocess;
import io.swapae.clip.ClipTokenizer;
import io.swapae.image.RgbImage;
import java.util.Arrays;
import java.util.List;

/** The unit CLIP embeddings guidance moves towards: of texts (prompts) or of an image (an image prompt). */
public final class PromptEmbeddings {

    private final ClipModel clip;
    private final ClipTokenizer tokenizer;
    private final NDManager manager;

    /** Embeddings by {@code clip}, with arrays of {@code manager} (on the model's device). */
    public PromptEmbeddings(ClipModel clip, NDManager manager) {
        this.clip = clip;
        this.tokenizer = ClipTokenizer.withContext(clip.config().contextLength());
        this.manager = manager;
    }

    /** The unit text embedding of each text, in order. */
    public float[][] texts(List<String> texts) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = manager.newSubManager()) {
            NDArray unit = ClipModel.normalize(clip.encodeText(tokenizer.encode(texts), m));
            int dim = (int) unit.getShape().get(1);
            float[] flat = unit.toFloatArray();
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
            }
            return out;
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** The unit image embedding of {@code image}, preprocessed as CLIP's own transform does. */
    public float[] image(RgbImage image) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = manager.newSubManager()) {
            int size = clip.config().imageSize();
            NDArray input = m.create(ClipPreprocess.of(clip.config()).toInput(image), new Shape(1, 3, size, size));
            return ClipModel.normalize(clip.encodeImage(input)).toFloatArray();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
