package io.swapae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.checkpoint.CheckpointException;

/**
 * The official {@code ModulatedConv2d} with {@code new_demodulation}: the style (scaled to unit RMS when
 * demodulating) multiplies the input, and the weight is demodulated per output channel independently of the style.
 * So one shared-weight convolution serves the whole batch. Upsampling convolutions are a stride-2 transposed
 * convolution followed by the FIR blur.
 */
final class ModulatedConv2d {

    private final int in;
    private final int out;
    private final int kernel;
    private final boolean demodulate;
    private final boolean upsample;
    /** {@code [out, in, k, k]}: scaled (and demodulated) weight, as a conv2d weight. */
    private final NDArray weight;
    private final NDArray modulationWeight;
    private final NDArray modulationBias;
    /** Upsampling only: the four phase kernels (even/odd row × even/odd column) of the transposed convolution. */
    private final NDArray[] phases;
    private final NDArray blur;
    /** The official Upsample/Blur gain after a stride-2 transposed convolution: factor² = 4. */
    private static final float UPSAMPLE_GAIN = 4f;

    ModulatedConv2d(Weights w, String p, int in, int out, int kernel, int styleDim, boolean demodulate,
                    int[] upsampleTaps) throws CheckpointException {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.demodulate = demodulate;
        this.upsample = upsampleTaps != null;
        float scale = (float) (1.0 / Math.sqrt(in * kernel * kernel));
        // scaled and demodulated in float32, converted to the compute type once derived
        NDArray derived;
        try (NDArray raw = w.get(p + "weight", new long[] {1, out, in, kernel, kernel}, out, in, kernel, kernel);
             NDArray scaled = raw.mul(scale)) {
            if (demodulate) {
                try (NDArray sq = scaled.mul(scaled); NDArray s = sq.sum(new int[] {1, 2, 3}, true);
                     NDArray d = s.addi(1e-8f).pow(-0.5f)) {
                    derived = scaled.mul(d);
                }
            } else {
                derived = scaled.duplicate();
            }
        }
        try (NDArray raw = w.get(p + "modulation.weight", new long[] {in, styleDim})) {
            modulationWeight = w.keep(raw.mul((float) (1.0 / Math.sqrt(styleDim))));
        }
        modulationBias = w.keep(p + "modulation.bias", new long[] {in});
        if (upsample) {
            if (kernel != 3) {
                throw new IllegalArgumentException("upsampling modulated convs are 3x3 in the official networks");
            }
            // conv_transpose2d(stride 2, pad 0): output row 2m uses taps 2 (input m-1) and 0 (input m); row 2m+1 tap 1.
            float[] wd = derived.toFloatArray();
            int[] even = {2, 0};
            int[] odd = {1};
            phases = new NDArray[] {
                phaseKernel(w, wd, even, even), phaseKernel(w, wd, even, odd), phaseKernel(w, wd, odd, even),
                phaseKernel(w, wd, odd, odd)
            };
            int taps = upsampleTaps.length;
            if (taps > 1) {
                blur = w.create(Ops.depthwiseFir(upsampleTaps, UPSAMPLE_GAIN, out), out, 1, taps, taps);
            } else {
                blur = null;
            }
        } else {
            phases = null;
            blur = null;
        }
        weight = w.keep(derived);
    }

    /** The sub-kernel {@code K[o, i, a, b] = W[o, i, rowTaps[a], colTaps[b]]} of the 3×3 weight {@code wd}. */
    private NDArray phaseKernel(Weights w, float[] wd, int[] rowTaps, int[] colTaps) {
        float[] k = new float[out * in * rowTaps.length * colTaps.length];
        int idx = 0;
        for (int oi = 0; oi < out * in; oi++) {
            for (int r : rowTaps) {
                for (int c : colTaps) {
                    k[idx++] = wd[oi * 9 + r * 3 + c];
                }
            }
        }
        return w.create(k, out, in, rowTaps.length, colTaps.length);
    }

    /**
     * The style vector {@code [N, in]} that multiplies the input, times {@code inputGain}, in {@code type}. The
     * texture code ({@code [N, styleDim]}, in the weights' type) is projected in the weights' type; the style's
     * normalization and gain are computed in float32.
     */
    private NDArray style(NDArray texture, float inputGain, DataType type) {
        NDArray s = Ops.castConsuming(Ops.linear(texture, modulationWeight, modulationBias), DataType.FLOAT32);
        if (demodulate) {
            try (NDArray raw = s; NDArray sq = raw.mul(raw); NDArray m = sq.mean(new int[] {1}, true);
                 NDArray r = m.addi(1e-8f).pow(-0.5f)) {
                s = raw.mul(r);
            }
        }
        if (inputGain != 1f) {
            s.muli(inputGain);
        }
        return Ops.castConsuming(s, type);
    }

    /**
     * The modulated convolution of {@code x} (whose values are {@code inputGain} times too small: the gain is
     * applied to the style vector, for free) plus {@code bias} per output channel when not null. {@code texture}
     * has the weights' type; the result has the type of {@code x}.
     */
    NDArray forward(NDArray x, NDArray texture, ComputePath path, float inputGain, NDArray bias) {
        long n = x.getShape().get(0);
        long pixels = x.getShape().get(2) * x.getShape().get(3);
        try (NDArray style = style(texture, inputGain, x.getDataType()); NDArray s4 = style.reshape(n, in, 1, 1)) {
            if (path == ComputePath.REFERENCE) {
                try (NDArray modulated = x.mul(s4); NDArray y = reference(modulated, n)) {
                    return bias == null ? y.duplicate() : y.add(bias.reshape(1, out, 1, 1));
                }
            }
            // one image with more pixels than weights per input channel: scaling the weight is cheaper than the input
            boolean scaleWeight = n == 1 && (long) out * kernel * kernel < pixels;
            try (NDArray modulated = scaleWeight ? null : x.mul(s4)) {
                NDArray input = scaleWeight ? x : modulated;
                NDArray weightStyle = scaleWeight ? s4 : null;
                return upsample ? upsamplePhases(input, weightStyle, bias)
                        : convScaled(input, weight, weightStyle, kernel / 2, bias);
            }
        }
    }

    /** {@code conv(x, w * style) + bias} with the style {@code (1, in, 1, 1)} of one image, or {@code conv(x, w) + bias}. */
    private static NDArray convScaled(NDArray x, NDArray w, NDArray style, int padding, NDArray bias) {
        if (style == null) {
            return Ops.conv(x, w, bias, 1, padding);
        }
        try (NDArray scaled = w.mul(style)) {
            return Ops.conv(x, scaled, bias, 1, padding);
        }
    }

    /**
     * Transposed conv as four phase convolutions over the input zero-padded by one, written interleaved after one zero
     * row and column into a {@code (2h+3) x (2w+3)} array: the blur's leading padding, the transposed conv's
     * {@code (2h+1) x (2w+1)} output, and a zero trailing row and column. Then the blur, with the bias.
     */
    private NDArray upsamplePhases(NDArray x, NDArray style, NDArray bias) {
        long n = x.getShape().get(0);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray target = JniUtils.createEmptyNdArray((PtNDManager) x.getManager(),
                new Shape(n, out, 2 * h + 3, 2 * w + 3), x.getDataType(), x.getDevice(), SparseFormat.DENSE);
        try (target) {
            target.set(new NDIndex(":, :, 0, :"), 0f);
            target.set(new NDIndex(":, :, :, 0"), 0f);
            // each phase convolves the input zero-padded by one (inside the convolution); the rows/columns a phase
            // does not use are cut from its output, which is cheaper than copying a shifted input window
            phase(target, x, phases[0], style, "1::2, 1::2", ":, :, :, :");
            phase(target, x, phases[1], style, "1::2, 2::2", ":, :, :, 1:");
            phase(target, x, phases[2], style, "2::2, 1::2", ":, :, 1:, :");
            phase(target, x, phases[3], style, "2::2, 2::2", ":, :, 1:, 1:");
            if (blur != null) {
                return Ops.conv(target, blur, bias, 1, 1, 0, 0, out);
            }
            try (NDArray cropped = target.get(new NDIndex(":, :, 1:{}, 1:{}", 2 * h + 1, 2 * w + 1))) {
                NDArray y = cropped.mul(UPSAMPLE_GAIN);
                return bias == null ? y : y.addi(bias.reshape(1, out, 1, 1));
            }
        }
    }

    private static void phase(NDArray target, NDArray x, NDArray kernel, NDArray style, String outputPhase,
                              String usedOutput) {
        try (NDArray full = convScaled(x, kernel, style, 1, null);
             NDArray used = full.get(new NDIndex(usedOutput))) {
            target.set(new NDIndex(":, :, " + outputPhase), used);
        }
    }

    /** The official Blur after the transposed conv: pads (1, 1) for a 4-tap kernel, (0, -1) for [1]. */
    private NDArray blurUpsampled(NDArray y, long h, long w) {
        if (blur == null) {
            try (NDArray cropped = y.get(new NDIndex(":, :, :{}, :{}", 2 * h, 2 * w))) {
                return cropped.mul(UPSAMPLE_GAIN);
            }
        }
        try (NDArray padded = Ops.pad(y, 1, 1, 1, 1)) {
            return Ops.conv(padded, blur, null, 1, 1, 0, 0, out);
        }
    }

    /** The official computation: per-sample weights, grouped convolution, zero-insertion transposed convolution. */
    private NDArray reference(NDArray x, long n) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        try (NDArray perSample = weight.expandDims(0).repeat(0, n);
             NDArray grouped = perSample.reshape(n * out, in, kernel, kernel);
             NDArray flat = x.reshape(1, n * in, h, w)) {
            if (!upsample) {
                try (NDArray y = Ops.conv(flat, grouped, null, 1, 1, kernel / 2, kernel / 2, (int) n)) {
                    return y.reshape(n, out, h, w);
                }
            }
            try (NDArray flipped = weight.flip(2, 3);
                 NDArray flippedPerSample = flipped.expandDims(0).repeat(0, n);
                 NDArray flippedGrouped = flippedPerSample.reshape(n * out, in, kernel, kernel);
                 NDArray zeros = flat.zerosLike();
                 NDArray cols = NDArrays.stack(new NDList(flat, zeros), 4);
                 NDArray colsFlat = cols.reshape(1, n * in, h, 2 * w);
                 NDArray zeroRows = colsFlat.zerosLike();
                 NDArray rowsStacked = NDArrays.stack(new NDList(colsFlat, zeroRows), 3);
                 NDArray inserted = rowsStacked.reshape(1, n * in, 2 * h, 2 * w);
                 NDArray trimmed = inserted.get(new NDIndex(":, :, :{}, :{}", 2 * h - 1, 2 * w - 1));
                 NDArray padded = Ops.pad(trimmed, 2, 2, 2, 2);
                 NDArray y = Ops.conv(padded, flippedGrouped, null, 1, 1, 0, 0, (int) n);
                 NDArray y4 = y.reshape(n, out, 2 * h + 1, 2 * w + 1)) {
                return blurUpsampled(y4, h, w);
            }
        }
    }
}
