package io.swapae.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP's image encoder (ViT): patch embedding by {@code conv1} (kernel = stride = patch, no bias), patches in
 * row-major order after the class embedding, plus positional embeddings, {@code ln_pre}, the blocks, {@code ln_post}
 * of the class token, then {@code @ visual.proj}. Each step is a method so the intermediates can be compared.
 */
final class VisionTower {

    private final ClipConfig config;
    private final NDArray conv1;
    private final NDArray classEmbedding;
    private final NDArray positionalEmbedding;
    private final NDArray lnPreWeight;
    private final NDArray lnPreBias;
    private final List<ResidualBlock> blocks = new ArrayList<>();
    private final NDArray lnPostWeight;
    private final NDArray lnPostBias;
    private final NDArray projection;

    VisionTower(ClipTensors tensors, ClipConfig config) {
        this.config = config;
        this.conv1 = tensors.get("visual.conv1.weight");
        this.classEmbedding = tensors.get("visual.class_embedding");
        this.positionalEmbedding = tensors.get("visual.positional_embedding");
        this.lnPreWeight = tensors.get("visual.ln_pre.weight");
        this.lnPreBias = tensors.get("visual.ln_pre.bias");
        for (int i = 0; i < config.visionLayers(); i++) {
            blocks.add(new ResidualBlock(tensors, "visual.transformer.resblocks." + i, config.visionHeads(),
                    config.quickGelu()));
        }
        this.lnPostWeight = tensors.get("visual.ln_post.weight");
        this.lnPostBias = tensors.get("visual.ln_post.bias");
        this.projection = tensors.get("visual.proj");
    }

    /** {@code conv1(images)}: {@code [B, W, grid, grid]}. */
    NDArray patches(NDArray images) {
        Shape stride = new Shape(config.patchSize(), config.patchSize());
        return JniUtils.convolution(Layers.pt(images), Layers.pt(conv1), null, stride, new Shape(0, 0),
                new Shape(1, 1), 1);
    }

    /** {@code ln_pre([class; patches row-major] + positional)}: {@code [B, 1 + grid^2, W]}. */
    NDArray tokens(NDArray patches) {
        Shape s = patches.getShape();
        long batch = s.get(0);
        long width = s.get(1);
        try (NDArray flat = patches.reshape(batch, width, s.get(2) * s.get(3));
             NDArray rows = flat.transpose(0, 2, 1);
             NDArray zeros = patches.getManager().zeros(new Shape(batch, 1, width));
             NDArray cls = zeros.add(classEmbedding);
             NDArray joined = NDArrays.concat(new NDList(cls, rows), 1);
             NDArray placed = joined.add(positionalEmbedding)) {
            return Layers.layerNorm(placed, lnPreWeight, lnPreBias);
        }
    }

    int blockCount() {
        return blocks.size();
    }

    /** Block {@code i} applied to {@code x}. */
    NDArray block(int i, NDArray x) {
        return blocks.get(i).forward(x, null);
    }

    /** {@code ln_post} of the class token: {@code [B, W]}. */
    NDArray pooled(NDArray x) {
        try (NDArray cls = x.get(":, 0, :")) {
            return Layers.layerNorm(cls, lnPostWeight, lnPostBias);
        }
    }

    /** {@code pooled @ visual.proj}: the image features {@code [B, E]}. */
    NDArray project(NDArray pooled) {
        return Layers.project(pooled, projection);
    }

    /** Every step: images {@code [B, 3, S, S]} to features {@code [B, E]}. */
    NDArray encode(NDArray images) {
        NDArray x;
        try (NDArray p = patches(images)) {
            x = tokens(p);
        }
        for (int i = 0; i < blocks.size(); i++) {
            try (NDArray previous = x) {
                x = block(i, previous);
            }
        }
        try (NDArray last = x; NDArray pooled = pooled(last)) {
            return project(pooled);
        }
    }
}
