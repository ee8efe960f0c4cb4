package io.swapae.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP's text encoder: {@code token_embedding[ids] + positional_embedding}, the blocks under the causal mask
 * (additive, {@code -inf} above the diagonal: position i sees j <= i), {@code ln_final}, the row at
 * {@code argmax(ids)} (the end-of-text token, the largest id), then {@code @ text_projection}. Each step is a
 * method so the intermediates can be compared.
 */
final class TextTower {

    private final NDArray tokenEmbedding;
    private final NDArray positionalEmbedding;
    private final NDArray causalMask;
    private final List<ResidualBlock> blocks = new ArrayList<>();
    private final NDArray lnFinalWeight;
    private final NDArray lnFinalBias;
    private final NDArray projection;

    TextTower(ClipTensors tensors, ClipConfig config) {
        this.tokenEmbedding = tensors.get("token_embedding.weight");
        this.positionalEmbedding = tensors.get("positional_embedding");
        int n = config.contextLength();
        float[] mask = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                mask[i * n + j] = Float.NEGATIVE_INFINITY;
            }
        }
        this.causalMask = tensors.manager().create(mask, new Shape(n, n));
        for (int i = 0; i < config.textLayers(); i++) {
            blocks.add(new ResidualBlock(tensors, "transformer.resblocks." + i, config.textHeads(),
                    config.quickGelu()));
        }
        this.lnFinalWeight = tensors.get("ln_final.weight");
        this.lnFinalBias = tensors.get("ln_final.bias");
        this.projection = tensors.get("text_projection");
    }

    /** {@code token_embedding[ids] + positional_embedding}: {@code [B, L, W]} for int64 ids {@code [B, L]}. */
    NDArray embed(NDArray ids) {
        try (NDArray tokens = JniUtils.embedding(Layers.pt(ids), Layers.pt(tokenEmbedding), false)) {
            return tokens.add(positionalEmbedding);
        }
    }

    int blockCount() {
        return blocks.size();
    }

    /** Block {@code i} applied to {@code x} under the causal mask. */
    NDArray block(int i, NDArray x) {
        return blocks.get(i).forward(x, causalMask);
    }

    /** {@code ln_final(x)}. */
    NDArray lnFinal(NDArray x) {
        return Layers.layerNorm(x, lnFinalWeight, lnFinalBias);
    }

    /** The rows of {@code x} {@code [B, L, W]} at {@code argmax(ids)} per text: {@code [B, W]}. */
    NDArray pool(NDArray x, NDArray ids) {
        Shape s = x.getShape();
        try (NDArray eot = ids.argMax(1);
             NDArray column = eot.reshape(s.get(0), 1, 1);
             NDArray index = column.broadcast(s.get(0), 1, s.get(2));
             NDArray rows = JniUtils.gather(Layers.pt(x), Layers.pt(index), 1)) {
            return rows.reshape(s.get(0), s.get(2));
        }
    }

    /** {@code pooled @ text_projection}: the text features {@code [B, E]}. */
    NDArray project(NDArray pooled) {
        return Layers.project(pooled, projection);
    }

    /** Every step: ids {@code [B, L]} (int64) to features {@code [B, E]}. */
    NDArray encode(NDArray ids) {
        NDArray x = embed(ids);
        for (int i = 0; i < blocks.size(); i++) {
            try (NDArray previous = x) {
                x = block(i, previous);
            }
        }
        try (NDArray last = x; NDArray normed = lnFinal(last); NDArray pooled = pool(normed, ids)) {
            return project(pooled);
        }
    }
}
