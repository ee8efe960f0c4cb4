package io.swapae.jobs.directions;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The code space a direction catalogue is fitted in: texture codes, whole structure codes (one shape), or the
 * channel vector at every location of structure codes (directions that apply per location, so they can be limited
 * to a region).
 */
public enum CodeSpace {

    /** One vector per code: the texture code. */
    TEXTURE("texture"),
    /** One vector per code: the whole structure code flattened (C·H·W values); all codes of one shape. */
    STRUCTURE("structure"),
    /** One vector per location of every structure code: its C channel values. */
    STRUCTURE_LOCAL("structure-local");

    private final String label;

    CodeSpace(String label) {
        this.label = label;
    }

    /** The name used on the command line and in catalogues. */
    public String label() {
        return label;
    }

    /** The space named {@code label}. */
    public static CodeSpace parse(String label) {
        for (CodeSpace s : values()) {
            if (s.label.equals(label.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("--space must be one of " + Arrays.stream(values()).map(CodeSpace::label)
                .collect(Collectors.joining(", ")) + ", got '" + label + "'");
    }

    /** The codes-table columns a fit in this space reads. */
    String[] columns() {
        return this == TEXTURE ? new String[] {"texture"} : new String[] {"structure", "structure_shape"};
    }

    /** The shape of one vector of this space for codes of structure shape {@code [C, H, W]} and texture size. */
    int[] vectorShape(int[] structureShape, int textureSize) {
        return switch (this) {
            case TEXTURE -> new int[] {textureSize};
            case STRUCTURE -> structureShape.clone();
            case STRUCTURE_LOCAL -> new int[] {structureShape[0]};
        };
    }
}
