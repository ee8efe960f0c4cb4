package io.swapae.guidance;

import java.util.Locale;

/** Which codes a guidance run changes: the texture code, the structure code, or both. */
public enum GuidanceTarget {
    TEXTURE, STRUCTURE, BOTH;

    /** Whether the texture code is optimised. */
    public boolean texture() {
        return this != STRUCTURE;
    }

    /** Whether the structure code is optimised. */
    public boolean structure() {
        return this != TEXTURE;
    }

    /** The name users type: {@code texture}, {@code structure} or {@code both}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The target called {@code label}; refuses another word, listing the accepted ones. */
    public static GuidanceTarget parse(String label) {
        for (GuidanceTarget t : values()) {
            if (t.label().equals(label == null ? null : label.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("--target must be texture, structure or both, got '" + label + "'");
    }
}
