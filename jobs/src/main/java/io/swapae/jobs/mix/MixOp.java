package io.swapae.jobs.mix;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the cells of a mix grid are: texture swaps, the steps of an interpolation between two texture codes, two
 * structure codes blended side by side, or a code edited along a catalogue direction.
 */
public enum MixOp {
    SWAP, INTERPOLATE, BLEND, EDIT;

    /** The name on the command line and in the {@code generated} table. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation named {@code value}. */
    public static MixOp parse(String value) {
        for (MixOp op : values()) {
            if (op.label().equals(value)) {
                return op;
            }
        }
        throw new IllegalArgumentException("--op must be one of " + Arrays.stream(values()).map(MixOp::label)
                .collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}
