package io.swapae.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.image.BicubicResampler;
import io.swapae.image.RgbImage;

/**
 * CLIP's input preprocessing for a square input of {@code size} pixels, two ways.
 *
 * <ul>
 *   <li>{@link #toInput(RgbImage)}: open_clip's / OpenAI's transform of an 8-bit image, bit for bit: Pillow bicubic
 *       resize of the shortest side to {@code size} (the other side {@code int(size * long / short)}), centre crop at
 *       {@code round((side - size) / 2)} (Python's rounding, half to even), {@code v / 255}, then
 *       {@code (x - mean_c) / std_c} in float32 with CLIP's mean and std.</li>
 *   <li>{@link #fromGenerated(NDArray)}: the same steps on generated images in [-1, 1] as engine arrays,
 *       differentiable, for guidance: {@code (x + 1) / 2}, PyTorch bicubic interpolation of the shortest side to
 *       {@code size} ({@code align_corners=False}, no antialiasing, values not clipped), the same centre crop and
 *       normalisation.</li>
 * </ul>
 */
public final class ClipPreprocess {

    /** CLIP's per-channel mean (RGB). */
    public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** CLIP's per-channel standard deviation (RGB). */
    public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private static final int BICUBIC = 3;

    private final int size;

    /** Preprocessing for inputs of {@code size} x {@code size} pixels (the model's image size). */
    public ClipPreprocess(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("CLIP input size must be at least 1 pixel, got " + size);
        }
        this.size = size;
    }

    /** Preprocessing for {@code config}'s image size. */
    public static ClipPreprocess of(ClipConfig config) {
        return new ClipPreprocess(config.imageSize());
    }

    /** Side of the square input. */
    public int size() {
        return size;
    }

    /** The model input {@code [3, size, size]} (channel-major) of one 8-bit image. */
    public float[] toInput(RgbImage image) {
        RgbImage square = resizedAndCropped(image);
        int plane = size * size;
        float[] out = new float[3 * plane];
        byte[] px = square.pixels();
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                out[c * plane + i] = ((px[3 * i + c] & 0xFF) / 255f - MEAN[c]) / STD[c];
            }
        }
        return out;
    }

    /** The 8-bit image after the resize and centre crop, before conversion to floats. */
    RgbImage resizedAndCropped(RgbImage image) {
        int[] resized = resizedSize(image.width(), image.height());
        RgbImage r = BicubicResampler.resize(image, resized[0], resized[1]);
        int left = cropOffset(r.width());
        int top = cropOffset(r.height());
        byte[] out = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            System.arraycopy(r.pixels(), ((top + y) * r.width() + left) * 3, out, y * size * 3, size * 3);
        }
        return new RgbImage(size, size, out);
    }

    /** Width and height with the shortest side at {@code size}, the other {@code int(size * long / short)}. */
    int[] resizedSize(int width, int height) {
        int longSide = (int) ((double) size * Math.max(width, height) / Math.min(width, height));
        return width <= height ? new int[] {size, longSide} : new int[] {longSide, size};
    }

    private int cropOffset(int side) {
        return (int) Math.rint((side - size) / 2.0);
    }

    /**
     * The model input {@code [B, 3, size, size]} of generated images {@code [B, 3, H, W]} with values in [-1, 1]
     * (float32); differentiable, result in the images' manager.
     */
    public NDArray fromGenerated(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || images.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("generated images must be float32 [B, 3, H, W], got "
                    + images.getDataType() + " " + s);
        }
        return ClipModel.scoped(images, x -> {
            int height = (int) s.get(2);
            int width = (int) s.get(3);
            int[] resized = resizedSize(width, height);
            NDManager m = x.getManager();
            NDArray unit = x.add(1f).div(2f);
            NDArray scaled = resized[0] == width && resized[1] == height ? unit
                    : JniUtils.interpolate((PtNDArray) unit, new long[] {resized[1], resized[0]}, BICUBIC, false);
            int top = cropOffset(resized[1]);
            int left = cropOffset(resized[0]);
            NDArray cropped = scaled.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + size, left, left + size));
            NDArray mean = m.create(MEAN, new Shape(1, 3, 1, 1));
            NDArray std = m.create(STD, new Shape(1, 3, 1, 1));
            return cropped.sub(mean).div(std);
        });
    }
}
