package io.swapae.runtime;

import java.util.Locale;

/** Where an input failed, as the errors table's {@code stage} column names it. */
public enum Stage {
    /** Its bytes could not be read. */
    READ,
    /** Its bytes are not a decodable image within the limits. */
    DECODE,
    /** The image cannot be preprocessed into an input the model accepts. */
    PREPROCESS;

    /** The column value, e.g. {@code decode}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
