package io.swapae.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The tensor operations CLIP's layers are written in, with PyTorch's semantics, all differentiable. Results belong
 * to the manager of the first argument; no input is closed.
 */
final class Layers {

    /** LayerNorm's epsilon in CLIP (PyTorch's default), inside the square root of the biased variance. */
    static final double LAYER_NORM_EPS = 1e-5;
    private static final float QUICK_GELU = 1.702f;

    private Layers() {
    }

    static PtNDArray pt(NDArray a) {
        return (PtNDArray) a;
    }

    /** {@code F.layer_norm} over the last axis with gain and bias. */
    static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return JniUtils.layerNorm(pt(x), new Shape(weight.getShape().get(0)), pt(weight), pt(bias), LAYER_NORM_EPS);
    }

    /** {@code x @ w.T + b} with {@code w} stored {@code [out, in]}. */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return JniUtils.linear(pt(x), pt(w), pt(b));
    }

    /** {@code x @ p} with {@code p} stored {@code [in, out]} (CLIP's projections). */
    static NDArray project(NDArray x, NDArray p) {
        return JniUtils.matmul(pt(x), pt(p));
    }

    /** QuickGELU {@code x * sigmoid(1.702 x)}, or erf GELU. */
    static NDArray activation(NDArray x, boolean quickGelu) {
        if (!quickGelu) {
            return JniUtils.gelu(pt(x));
        }
        try (NDArray scaled = x.mul(QUICK_GELU); NDArray gate = JniUtils.sigmoid(pt(scaled))) {
            return x.mul(gate);
        }
    }

    /** {@code x / max(||x||_2, 1e-12)} along the last axis ({@code F.normalize}). */
    static NDArray l2Normalize(NDArray x) {
        return JniUtils.normalize(pt(x), 2.0, -1, 1e-12);
    }
}
