package io.swapae.model;

import ai.djl.ndarray.NDArray;

/**
 * The encoder's output for a batch: structure codes {@code (N, spatial_code_ch, H/2^n, W/2^n)} (layout) and texture
 * codes {@code (N, global_code_ch)} (appearance), both L2-normalized as the official encoder leaves them.
 */
public record Codes(NDArray structure, NDArray texture) implements AutoCloseable {

    @Override
    public void close() {
        structure.close();
        texture.close();
    }
}
