package io.swapae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The tensor operations the StyleGAN2 layers are written in, on DJL's PyTorch engine, with the exact semantics of
 * the official PyTorch calls (reflection padding, {@code F.interpolate(..., align_corners=False)}, FIR filters).
 * Results belong to the manager of the first argument; inputs are closed only by methods named {@code *Consuming}.
 * Results have the type of the first argument, except where a method says otherwise.
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

    /**
     * {@code util.normalize}: {@code v * rsqrt(sum(v^2, dim=1, keepdim) + 1e-8)}, in float32 whatever the type of
     * {@code v} (the sum of squares and the 1e-8 are out of float16's reach). The result is float32.
     */
    static NDArray normalize(NDArray v) {
        if (v.getDataType() != DataType.FLOAT32) {
            try (NDArray v32 = v.toType(DataType.FLOAT32, false)) {
                return normalize(v32);
            }
        }
        try (NDArray sq = v.mul(v); NDArray s = sq.sum(new int[] {1}, true); NDArray r = s.addi(1e-8f).pow(-0.5f)) {
            return v.mul(r);
        }
    }

    /** The mean of {@code x} over {@code axis}, computed in float32 whatever the type of {@code x}; float32. */
    static NDArray meanFloat32(NDArray x, int axis) {
        if (x.getDataType() != DataType.FLOAT32) {
            try (NDArray x32 = x.toType(DataType.FLOAT32, false)) {
                return x32.mean(new int[] {axis});
            }
        }
        return x.mean(new int[] {axis});
    }

    /** {@code x} in {@code type}: {@code x} itself when it has that type, else a converted copy, {@code x} closed. */
    static NDArray castConsuming(NDArray x, DataType type) {
        if (x.getDataType() == type) {
            return x;
        }
        try (x) {
            return x.toType(type, false);
        }
    }

    /** A float32 copy of {@code x}, which stays open. */
    static NDArray float32Copy(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x.duplicate() : x.toType(DataType.FLOAT32, false);
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

    /**
     * {@code F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)}. libtorch's CPU kernel has no
     * float16 version: there a float16 {@code x} is interpolated in float32 and the result converted back.
     */
    static NDArray bilinearUp2(NDArray x) {
        Shape s = x.getShape();
        long[] size = {s.get(2) * 2, s.get(3) * 2};
        if (x.getDataType() == DataType.FLOAT16 && !x.getDevice().isGpu()) {
            try (NDArray x32 = x.toType(DataType.FLOAT32, false)) {
                return castConsuming(JniUtils.interpolate(pt(x32), size, 2, false), DataType.FLOAT16);
            }
        }
        return JniUtils.interpolate(pt(x), size, 2, false);
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
