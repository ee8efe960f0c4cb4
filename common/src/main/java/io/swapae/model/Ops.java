package io.swapae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The tensor operations the StyleGAN2 layers are written in, on DJL's PyTorch engine, with the exact semantics of
 * the official PyTorch calls (reflection padding, {@code F.interpolate(..., align_corners=False)}, FIR filters).
 * Results belong to the manager of the first argument; inputs are closed only by methods named {@code *Consuming}.
 */
final class Ops {

    static final float SQRT2 = (float) Math.sqrt(2.0);
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);
    private static final Shape ZERO = new Shape(0, 0);

    private Ops() {
    }

    static PtNDArray pt(NDArray a) {
        return (PtNDArray) a;
    }

    /** {@code F.conv2d(x, w, b, stride, padding)} with square stride and symmetric padding. */
    static NDArray conv(NDArray x, NDArray w, NDArray bias, int stride, int padding) {
        return JniUtils.convolution(pt(x), pt(w), bias == null ? null : pt(bias),
                stride == 1 ? ONE : TWO, new Shape(padding, padding), ONE, 1);
    }

    /** {@code F.conv2d} with per-axis padding and groups. */
    static NDArray conv(NDArray x, NDArray w, NDArray bias, int strideH, int strideW, int padH, int padW, int groups) {
        return JniUtils.convolution(pt(x), pt(w), bias == null ? null : pt(bias), new Shape(strideH, strideW),
                new Shape(padH, padW), ONE, groups);
    }

    /** {@code x @ w.T + b}. */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return JniUtils.linear(pt(x), pt(w), b == null ? null : pt(b));
    }

    /**
     * The official {@code fused_leaky_relu}: {@code leaky_relu(x + bias, 0.2) * sqrt(2)}, bias broadcast over
     * channels ({@code null}: already added). Without {@code gain} the {@code sqrt(2)} is left to the caller.
     * Consumes {@code x}: the bias is added in place and {@code x} is closed.
     */
    static NDArray fusedLeakyReluConsuming(NDArray x, NDArray bias4d, boolean gain) {
        try (NDArray sum = bias4d == null ? x : x.addi(bias4d)) {
            NDArray activated = JniUtils.leakyRelu(pt(sum), 0.2);
            return gain ? activated.muli(SQRT2) : activated;
        }
    }

    /** {@code util.normalize}: {@code v * rsqrt(sum(v^2, dim=1, keepdim) + 1e-8)}. */
    static NDArray normalize(NDArray v) {
        try (NDArray sq = v.mul(v); NDArray s = sq.sum(new int[] {1}, true); NDArray r = s.addi(1e-8f).pow(-0.5f)) {
            return v.mul(r);
        }
    }

    /** Zero padding (negative = crop) of the last two axes: left, right, top, bottom. */
    static NDArray pad(NDArray x, long left, long right, long top, long bottom) {
        return JniUtils.pad(pt(x), new long[] {left, right, top, bottom}, 0.0);
    }

    /** {@code F.pad(x, (p0, p1, p0, p1), mode='reflect')} on the last two axes. */
    static NDArray reflectPad(NDArray x, int p0, int p1) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (p0 >= h || p1 >= h || p0 >= w || p1 >= w) {
            throw new IllegalArgumentException("reflection padding " + p0 + "," + p1 + " needs sides > padding, got "
                    + h + "x" + w);
        }
        try (NDArray rows = reflect(x, 2, h, p0, p1)) {
            return reflect(rows, 3, w, p0, p1);
        }
    }

    private static NDArray reflect(NDArray x, int axis, long n, int p0, int p1) {
        String pre = axis == 2 ? ":, :, " : ":, :, :, ";
        NDList parts = new NDList();
        try {
            if (p0 > 0) {
                try (NDArray head = x.get(new NDIndex(pre + "1:" + (p0 + 1)))) {
                    parts.add(head.flip(axis));
                }
            }
            parts.add(x);
            if (p1 > 0) {
                try (NDArray tail = x.get(new NDIndex(pre + (n - 1 - p1) + ":" + (n - 1)))) {
                    parts.add(tail.flip(axis));
                }
            }
            return NDArrays.concat(parts, axis);
        } finally {
            for (NDArray p : parts) {
                if (p != x) {
                    p.close();
                }
            }
        }
    }

    /** {@code F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)}. */
    static NDArray bilinearUp2(NDArray x) {
        Shape s = x.getShape();
        return JniUtils.interpolate(pt(x), new long[] {s.get(2) * 2, s.get(3) * 2}, 2, false);
    }

    /** The 2-D kernel of the official {@code make_kernel(k) * gain}, row-major. */
    static float[] firKernel2d(int[] k, float gain) {
        double sum = 0;
        for (int a : k) {
            for (int b : k) {
                sum += (double) a * b;
            }
        }
        float[] out = new float[k.length * k.length];
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                out[i * k.length + j] = (float) (k[i] * k[j] / sum) * gain;
            }
        }
        return out;
    }

    /** {@link #firKernel2d} repeated for {@code channels} channels: the weight {@code (C, 1, k, k)} of a depthwise conv. */
    static float[] depthwiseFir(int[] k, float gain, int channels) {
        float[] k2 = firKernel2d(k, gain);
        float[] depthwise = new float[channels * k2.length];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(k2, 0, depthwise, c * k2.length, k2.length);
        }
        return depthwise;
    }
}
