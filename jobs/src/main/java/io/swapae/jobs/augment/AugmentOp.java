package io.swapae.jobs.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How one variant of a code is made. */
public enum AugmentOp {

    /** The source's structure with the texture of a donor code. */
    SWAP,
    /** The source's code moved along a catalogue direction. */
    EDIT,
    /** The source's structure blended with a donor's structure by a soft half-plane mask, the source's texture. */
    BLEND;

    /** The name on the command line and in the {@code generated} table. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operations named in {@code labels}, in order; refuses unknown names, repeats and an empty list. */
    public static List<AugmentOp> parseAll(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("--ops needs at least one of " + accepted());
        }
        List<AugmentOp> ops = new ArrayList<>();
        for (String label : labels) {
            AugmentOp op = parse(label);
            if (ops.contains(op)) {
                throw new IllegalArgumentException("--ops lists " + op.label() + " twice: " + labels);
            }
            ops.add(op);
        }
        return List.copyOf(ops);
    }

    private static AugmentOp parse(String label) {
        for (AugmentOp op : values()) {
            if (op.label().equals(label == null ? "" : label.trim().toLowerCase(Locale.ROOT))) {
                return op;
            }
        }
        throw new IllegalArgumentException("--ops takes " + accepted() + ", got '" + label + "'");
    }

    private static String accepted() {
        return Arrays.stream(values()).map(AugmentOp::label).collect(Collectors.joining(", "));
    }
}
