package io.swapae.latent;

import java.util.Arrays;
import java.util.List;

/**
 * Spatial blending of structure codes ({@code C × H × W}, row-major): several codes placed side by side along the
 * width with a feathered seam, or mixed cell by cell by weight masks. The result is a weighted sum of the sources at
 * each cell and is not re-normalized: where weights are fractional the channel vectors are shorter than unit, which
 * the generator corrects itself ({@link CodeNormalization#structure} restores it for storage).
 *
 * <p>Side by side, neighbouring codes overlap by the seam width: over the seam's {@code s} columns the left code's
 * last {@code s} columns cross-fade into the right code's first {@code s} columns, so the result is
 * {@code ΣW − (n − 1)·s} cells wide; with {@code s = 0} it is the plain concatenation. {@link #seamWeights} gives
 * the same cross-fade per output column, for interpolating the texture codes across the seam.
 */
public final class StructureBlend {

    /** How the weight of the incoming code grows across a seam. */
    public enum Feather {
        /** Evenly spaced weights. */
        LINEAR,
        /** A raised-cosine ramp: flat at both ends of the seam, steepest in its middle. */
        COSINE;

        /** The incoming code's weight at seam column {@code j} of {@code seam}, strictly inside (0, 1). */
        double weight(int j, int seam) {
            double t = (j + 1.0) / (seam + 1.0);
            return this == LINEAR ? t : (1 - Math.cos(Math.PI * t)) / 2;
        }
    }

    /** Tolerance on the weights of a cell summing to 1. */
    static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    private StructureBlend() {
    }

    /**
     * The codes left to right, each with its {@code [C, H, W]} shape (same {@code C} and {@code H}), joined along the
     * width with a {@code seam}-column cross-fade at each boundary. Returns the code; its shape is
     * {@link #sideBySideShape}.
     */
    public static float[] sideBySide(List<float[]> codes, List<int[]> shapes, int seam, Feather feather) {
        StructureShape[] s = checkRow(codes, shapes, seam);
        double[][] weights = seamWeights(widths(s), seam, feather);
        int outWidth = weights[0].length;
        int height = s[0].height();
        int channels = s[0].channels();
        float[] out = new float[channels * height * outWidth];
        int offset = 0;
        for (int k = 0; k < s.length; k++) {
            float[] code = codes.get(k);
            int width = s[k].width();
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    int src = (c * height + y) * width;
                    int dst = (c * height + y) * outWidth + offset;
                    for (int x = 0; x < width; x++) {
                        double w = weights[k][offset + x];
                        if (w != 0) {
                            out[dst + x] = (float) (out[dst + x] + w * code[src + x]);
                        }
                    }
                }
            }
            offset += width - seam;
        }
        return out;
    }

    /** The {@code [C, H, W]} shape of {@link #sideBySide} for these shapes and seam. */
    public static int[] sideBySideShape(List<int[]> shapes, int seam) {
        int[] widths = new int[shapes.size()];
        for (int k = 0; k < widths.length; k++) {
            if (shapes.get(k).length != 3) {
                throw new IllegalArgumentException("structure shape " + k + " must be [C, H, W], got "
                        + Arrays.toString(shapes.get(k)));
            }
            widths[k] = shapes.get(k)[2];
        }
        checkSeam(widths, seam);
        int width = -(widths.length - 1) * seam;
        for (int w : widths) {
            width += w;
        }
        return new int[] {shapes.get(0)[0], shapes.get(0)[1], width};
    }

    /**
     * Per source (first index) and output column (second index), the weight of that source in a side-by-side join of
     * codes of these widths: 1 in the source's own columns, the cross-fade over each seam, 0 elsewhere. The weights
     * of a column sum to 1, so they also interpolate the sources' texture codes across the seam.
     */
    public static double[][] seamWeights(int[] widths, int seam, Feather feather) {
        checkSeam(widths, seam);
        int outWidth = -(widths.length - 1) * seam;
        for (int w : widths) {
            outWidth += w;
        }
        double[][] weights = new double[widths.length][outWidth];
        int offset = 0;
        for (int k = 0; k < widths.length; k++) {
            for (int x = 0; x < widths[k]; x++) {
                weights[k][offset + x] = 1;
            }
            if (k > 0) {
                for (int j = 0; j < seam; j++) {
                    double incoming = feather.weight(j, seam);
                    weights[k][offset + j] = incoming;
                    weights[k - 1][offset + j] = 1 - incoming;
                }
            }
            offset += widths[k] - seam;
        }
        return weights;
    }

    /**
     * The codes, all of {@code shape}, mixed cell by cell: {@code masks[k]} holds the {@code H × W} (row-major)
     * weights of {@code codes[k]}, each in [0, 1], summing to 1 at every cell. One-hot masks select the sources
     * exactly.
     */
    public static float[] byMask(List<float[]> codes, int[] shape, List<double[]> masks) {
        if (codes.isEmpty() || codes.size() != masks.size()) {
            throw new IllegalArgumentException("a mask blend needs one mask per structure code and at least one code,"
                    + " got " + codes.size() + " codes and " + masks.size() + " masks");
        }
        StructureShape s = StructureShape.of(codes.get(0), shape);
        int plane = s.plane();
        for (int k = 0; k < codes.size(); k++) {
            if (codes.get(k).length != codes.get(0).length) {
                throw new IllegalArgumentException("structure code " + k + " has " + codes.get(k).length
                        + " values, the shape " + s + " has " + codes.get(0).length);
            }
            if (masks.get(k).length != plane) {
                throw new IllegalArgumentException("mask " + k + " has " + masks.get(k).length + " cells, the"
                        + " structure code " + s.height() + "x" + s.width() + " = " + plane);
            }
        }
        checkMasks(masks, plane);
        float[] out = new float[codes.get(0).length];
        for (int c = 0; c < s.channels(); c++) {
            for (int p = 0, i = c * plane; p < plane; p++, i++) {
                double v = 0;
                for (int k = 0; k < codes.size(); k++) {
                    v += masks.get(k)[p] * codes.get(k)[i];
                }
                out[i] = (float) v;
            }
        }
        return out;
    }

    private static void checkMasks(List<double[]> masks, int plane) {
        for (int p = 0; p < plane; p++) {
            double sum = 0;
            for (int k = 0; k < masks.size(); k++) {
                double w = masks.get(k)[p];
                if (!(w >= 0 && w <= 1)) {
                    throw new IllegalArgumentException("mask weights must be in [0, 1], got " + w + " in mask " + k
                            + " at cell " + p);
                }
                sum += w;
            }
            if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
                throw new IllegalArgumentException("mask weights must sum to 1 at every cell, got " + sum
                        + " at cell " + p);
            }
        }
    }

    private static StructureShape[] checkRow(List<float[]> codes, List<int[]> shapes, int seam) {
        if (codes.isEmpty() || codes.size() != shapes.size()) {
            throw new IllegalArgumentException("a side-by-side blend needs one shape per structure code and at least"
                    + " one code, got " + codes.size() + " codes and " + shapes.size() + " shapes");
        }
        StructureShape[] s = new StructureShape[codes.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = StructureShape.of(codes.get(k), shapes.get(k));
            if (s[k].channels() != s[0].channels() || s[k].height() != s[0].height()) {
                throw new IllegalArgumentException("structure codes side by side need the same channels and height:"
                        + " code 0 is " + s[0] + ", code " + k + " is " + s[k]);
            }
        }
        checkSeam(widths(s), seam);
        return s;
    }

    private static void checkSeam(int[] widths, int seam) {
        if (widths.length == 0) {
            throw new IllegalArgumentException("a side-by-side blend needs at least one structure code");
        }
        if (seam < 0) {
            throw new IllegalArgumentException("seam width must be 0 or more code cells, got " + seam);
        }
        for (int k = 0; k < widths.length; k++) {
            int seams = (k > 0 ? 1 : 0) + (k < widths.length - 1 ? 1 : 0);
            if (seams * seam > widths[k]) {
                throw new IllegalArgumentException("seam width " + seam + " does not fit code " + k + " of width "
                        + widths[k] + " (at most " + widths[k] / Math.max(1, seams) + " for its " + seams
                        + " seam(s))");
            }
        }
    }

    private static int[] widths(StructureShape[] shapes) {
        int[] widths = new int[shapes.length];
        for (int k = 0; k < shapes.length; k++) {
            widths[k] = shapes[k].width();
        }
        return widths;
    }
}
