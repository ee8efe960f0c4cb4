package io.swapae.jobs.sequences;

import io.swapae.jobs.generate.OutputIds;

/**
 * Ids of what a sequences run makes, as hashes of what makes it (so the same options give the same ids), and the
 * compact JSON of frame params.
 */
final class SequenceIds {

    private SequenceIds() {
    }

    /** A sequence id: the effect and the first 6 bytes of the hash of {@code key}, e.g. {@code unsync-3f2a9c1e07b4}. */
    static String sequence(String effect, String key) {
        return effect + "-" + hex(key, 6);
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code key}, in hex. */
    static String hex(String key, int bytes) {
        return OutputIds.hex(key, bytes);
    }

    /** The noise id of a sequence: every frame of it gets the same noise, so the noise does not flicker. */
    static long noise(String sequence) {
        return OutputIds.number(sequence);
    }

    /** {@code value} as compact JSON. */
    static String json(Object value) {
        return OutputIds.json(value);
    }
}
