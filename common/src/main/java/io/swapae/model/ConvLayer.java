package io.swapae.model;

import ai.djl.ndarray.NDArray;
import io.swapae.checkpoint.CheckpointException;

/**
 * The official {@code ConvLayer}: optional padding (reflection or zero, negative = crop), optional FIR blur, an
 * equalized-learning-rate convolution, then either the fused leaky ReLU with its bias or a plain bias.
 */
final class ConvLayer {

    enum Padding { NONE, REFLECT, ZERO }

    private final NDArray weight;
    private final NDArray actBias;
    private final NDArray convBias;
    private final NDArray blur;
    private final Padding padding;
    private final int pad0;
    private final int pad1;
    private final int stride;
    private final int kernel;
    private final int inChannels;
    private final boolean deferGain;

    private ConvLayer(Weights w, String prefix, int in, int out, int kernel, int stride, boolean activate, boolean bias,
                      Padding padding, int pad0, int pad1, int[] blurTaps, boolean deferGain)
            throws CheckpointException {
        this.deferGain = deferGain;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.pad0 = pad0;
        this.pad1 = pad1;
        this.inChannels = in;
        float scale = (float) (1.0 / Math.sqrt(in * kernel * kernel));
        try (NDArray raw = w.get(prefix + "Conv.weight", new long[] {out, in, kernel, kernel})) {
            this.weight = w.keep(raw.mul(scale));
        }
        this.actBias = activate && bias ? w.keep(prefix + "Act.bias", new long[] {out}, 1, out, 1, 1) : null;
        this.convBias = !activate && bias ? w.keep(prefix + "Conv.bias", new long[] {out}) : null;
        if (blurTaps != null && blurTaps.length > 1) {
            this.blur = w.create(Ops.depthwiseFir(blurTaps, 1f, in), in, 1, blurTaps.length, blurTaps.length);
        } else {
            this.blur = null;
        }
    }

    /** A stride-1 layer without padding (1×1 convolutions). */
    static ConvLayer pointwise(Weights w, String prefix, int in, int out, boolean activate, boolean bias)
            throws CheckpointException {
        return pointwise(w, prefix, in, out, activate, bias, false);
    }

    /**
     * A 1×1 layer; with {@code deferGain} the fast path leaves the activation's {@code sqrt(2)} to the consumer
     * (see {@link #outputGain}).
     */
    static ConvLayer pointwise(Weights w, String prefix, int in, int out, boolean activate, boolean bias,
                               boolean deferGain) throws CheckpointException {
        return new ConvLayer(w, prefix, in, out, 1, 1, activate, bias, Padding.NONE, 0, 0, null, deferGain);
    }

    /** The factor by which this layer's output on {@code path} is smaller than the official one. */
    float outputGain(ComputePath path) {
        return deferGain && actBias != null && path == ComputePath.FAST ? Ops.SQRT2 : 1f;
    }

    /** A 3×3 stride-1 layer with reflection padding 1 (encoder ResBlock conv1). */
    static ConvLayer reflect3x3(Weights w, String prefix, int in, int out) throws CheckpointException {
        return new ConvLayer(w, prefix, in, out, 3, 1, true, true, Padding.REFLECT, 1, 1, null, false);
    }

    /**
     * A downsampling layer: blur with {@code taps} then a stride-2 convolution, padded as the official
     * {@code ConvLayer(downsample=True, pad=pad)} does.
     */
    static ConvLayer downsample(Weights w, String prefix, int in, int out, int kernel, int[] taps, Integer pad,
                                boolean reflect, boolean activate, boolean bias) throws CheckpointException {
        int p = pad != null ? pad : (taps.length - 2) + (kernel - 1);
        int p0 = Math.floorDiv(p + 1, 2);
        int p1 = Math.floorDiv(p, 2);
        Padding mode = p0 == 0 && p1 == 0 ? Padding.NONE : reflect ? Padding.REFLECT : Padding.ZERO;
        return new ConvLayer(w, prefix, in, out, kernel, 2, activate, bias, mode, p0, p1, taps, false);
    }

    NDArray forward(NDArray x, ComputePath path) {
        NDArray padded;
        switch (padding) {
            case REFLECT:
                padded = Ops.reflectPad(x, pad0, pad1);
                break;
            case ZERO:
                padded = Ops.pad(x, pad0, pad1, pad0, pad1);
                break;
            default:
                padded = x;
        }
        NDArray conv;
        if (blur == null) {
            conv = Ops.conv(padded, weight, convBias, stride, 0);
        } else if (path == ComputePath.FAST && kernel == 1 && stride == 2) {
            // only every second blurred value reaches a 1x1 stride-2 conv: blur with stride 2 instead
            try (NDArray blurred = Ops.conv(padded, blur, null, 2, 2, 0, 0, inChannels)) {
                conv = Ops.conv(blurred, weight, convBias, 1, 0);
            }
        } else {
            try (NDArray blurred = Ops.conv(padded, blur, null, 1, 1, 0, 0, inChannels)) {
                conv = Ops.conv(blurred, weight, convBias, stride, 0);
            }
        }
        if (padded != x) {
            padded.close();
        }
        if (actBias == null) {
            return conv;
        }
        return Ops.fusedLeakyReluConsuming(conv, actBias, outputGain(path) == 1f);
    }
}
