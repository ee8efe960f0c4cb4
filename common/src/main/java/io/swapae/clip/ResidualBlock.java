package io.swapae.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * One pre-LN transformer block of CLIP: {@code x + attn(ln_1(x))}, then {@code x + c_proj(act(c_fc(ln_2(x))))}.
 * Attention is {@code nn.MultiheadAttention}'s: {@code in_proj} rows are {@code [Wq; Wk; Wv]}, head {@code h} uses
 * features {@code [h*hd, (h+1)*hd)}, scores {@code (q / sqrt(hd)) k^T} plus an optional additive mask, softmax over
 * the keys, heads concatenated in order, then {@code out_proj}. Read-only once built.
 */
final class ResidualBlock {

    private final NDArray ln1Weight;
    private final NDArray ln1Bias;
    private final NDArray inProjWeight;
    private final NDArray inProjBias;
    private final NDArray outProjWeight;
    private final NDArray outProjBias;
    private final NDArray ln2Weight;
    private final NDArray ln2Bias;
    private final NDArray fcWeight;
    private final NDArray fcBias;
    private final NDArray projWeight;
    private final NDArray projBias;
    private final int heads;
    private final boolean quickGelu;

    ResidualBlock(ClipTensors tensors, String prefix, int heads, boolean quickGelu) {
        this.ln1Weight = tensors.get(prefix + ".ln_1.weight");
        this.ln1Bias = tensors.get(prefix + ".ln_1.bias");
        this.inProjWeight = tensors.get(prefix + ".attn.in_proj_weight");
        this.inProjBias = tensors.get(prefix + ".attn.in_proj_bias");
        this.outProjWeight = tensors.get(prefix + ".attn.out_proj.weight");
        this.outProjBias = tensors.get(prefix + ".attn.out_proj.bias");
        this.ln2Weight = tensors.get(prefix + ".ln_2.weight");
        this.ln2Bias = tensors.get(prefix + ".ln_2.bias");
        this.fcWeight = tensors.get(prefix + ".mlp.c_fc.weight");
        this.fcBias = tensors.get(prefix + ".mlp.c_fc.bias");
        this.projWeight = tensors.get(prefix + ".mlp.c_proj.weight");
        this.projBias = tensors.get(prefix + ".mlp.c_proj.bias");
        this.heads = heads;
        this.quickGelu = quickGelu;
    }

    /** The block applied to tokens {@code [B, L, W]}; {@code mask} {@code [L, L]} is added to the scores, or null. */
    NDArray forward(NDArray x, NDArray mask) {
        NDArray attended;
        try (NDArray normed = Layers.layerNorm(x, ln1Weight, ln1Bias); NDArray a = attention(normed, mask)) {
            attended = x.add(a);
        }
        try (attended;
             NDArray normed = Layers.layerNorm(attended, ln2Weight, ln2Bias);
             NDArray hidden = Layers.linear(normed, fcWeight, fcBias);
             NDArray activated = Layers.activation(hidden, quickGelu);
             NDArray out = Layers.linear(activated, projWeight, projBias)) {
            return attended.add(out);
        }
    }

    private NDArray attention(NDArray x, NDArray mask) {
        Shape s = x.getShape();
        long batch = s.get(0);
        long length = s.get(1);
        long width = s.get(2);
        long headWidth = width / heads;
        try (NDArray qkv = Layers.linear(x, inProjWeight, inProjBias); NDList parts = qkv.split(3, 2)) {
            NDArray q = heads(parts.get(0), batch, length, headWidth);
            NDArray k = heads(parts.get(1), batch, length, headWidth);
            NDArray v = heads(parts.get(2), batch, length, headWidth);
            try (q; k; v;
                 NDArray qScaled = q.div((float) Math.sqrt(headWidth));
                 NDArray kT = k.transpose(0, 1, 3, 2);
                 NDArray scores = JniUtils.matmul(Layers.pt(qScaled), Layers.pt(kT));
                 NDArray weights = softmax(scores, mask);
                 NDArray perHead = JniUtils.matmul(Layers.pt(weights), Layers.pt(v));
                 NDArray tokens = perHead.transpose(0, 2, 1, 3);
                 NDArray joined = tokens.reshape(batch, length, width)) {
                return Layers.linear(joined, outProjWeight, outProjBias);
            }
        }
    }

    private static NDArray softmax(NDArray scores, NDArray mask) {
        if (mask == null) {
            return scores.softmax(-1);
        }
        try (NDArray masked = scores.add(mask)) {
            return masked.softmax(-1);
        }
    }

    /** {@code [B, L, W]} as {@code [B, heads, L, hd]}. */
    private NDArray heads(NDArray x, long batch, long length, long headWidth) {
        try (NDArray split = x.reshape(batch, length, heads, headWidth)) {
            return split.transpose(0, 2, 1, 3);
        }
    }
}
