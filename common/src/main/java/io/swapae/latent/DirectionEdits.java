package io.swapae.latent;

import java.util.Arrays;

/**
 * Moving codes along a latent direction: a texture code or a whole structure code along a direction of its own
 * size, or every spatial location of a structure code along a direction of its channel count (so the edit can be
 * limited to a region). Codes are {@code float} as stored; directions are {@code double} as fitted.
 */
public final class DirectionEdits {

    private DirectionEdits() {
    }

    /** {@code code + amount · direction}, for a texture code or a flattened structure code. */
    public static float[] along(float[] code, double[] direction, double amount) {
        if (code.length != direction.length) {
            throw new IllegalArgumentException("a code of " + code.length + " values cannot move along a direction of "
                    + direction.length);
        }
        float[] out = new float[code.length];
        for (int i = 0; i < code.length; i++) {
            out[i] = (float) (code[i] + amount * direction[i]);
        }
        return out;
    }

    /**
     * A structure code {@code C × H × W} (row-major) with {@code amount · direction} added to the {@code C}-vector of
     * every location where {@code mask} is true ({@code H × W}, row-major; {@code null}: every location).
     */
    public static float[] alongEachLocation(float[] structure, int[] shape, double[] direction, double amount,
                                            boolean[] mask) {
        if (shape.length != 3 || (long) shape[0] * shape[1] * shape[2] != structure.length) {
            throw new IllegalArgumentException("structure shape must be [C, H, W] with C·H·W = " + structure.length
                    + " values, got " + Arrays.toString(shape));
        }
        int channels = shape[0];
        int plane = shape[1] * shape[2];
        if (direction.length != channels) {
            throw new IllegalArgumentException("a structure code of " + channels + " channels cannot move along a"
                    + " direction of " + direction.length);
        }
        if (mask != null && mask.length != plane) {
            throw new IllegalArgumentException("the mask has " + mask.length + " locations, the structure code "
                    + shape[1] + "x" + shape[2] + " = " + plane);
        }
        float[] out = structure.clone();
        for (int c = 0; c < channels; c++) {
            for (int p = 0, i = c * plane; p < plane; p++, i++) {
                if (mask == null || mask[p]) {
                    out[i] = (float) (structure[i] + amount * direction[c]);
                }
            }
        }
        return out;
    }
}
