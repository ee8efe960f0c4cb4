package io.swapae.latent;

import java.util.Arrays;

/** The {@code [C, H, W]} shape of a row-major structure code, checked against the code's values. */
record StructureShape(int channels, int height, int width) {

    /** The shape of {@code structure}: {@code shape}, refused unless it is {@code [C, H, W]} with C·H·W values. */
    static StructureShape of(float[] structure, int[] shape) {
        if (shape == null || shape.length != 3 || shape[0] <= 0 || shape[1] <= 0 || shape[2] <= 0
                || (long) shape[0] * shape[1] * shape[2] != structure.length) {
            throw new IllegalArgumentException("structure shape must be [C, H, W] of positive sizes with C·H·W = "
                    + structure.length + " values, got " + Arrays.toString(shape));
        }
        return new StructureShape(shape[0], shape[1], shape[2]);
    }

    int plane() {
        return height * width;
    }

    int[] toArray() {
        return new int[] {channels, height, width};
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
