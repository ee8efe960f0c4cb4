package io.swapae.jobs.sequences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids of what a sequences run makes, as hashes of what makes it (so the same options give the same ids), and the
 * compact JSON of frame params.
 */
final class SequenceIds {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private SequenceIds() {
    }

    /** A sequence id: the effect and the first 6 bytes of the hash of {@code key}, e.g. {@code unsync-3f2a9c1e07b4}. */
    static String sequence(String effect, String key) {
        return effect + "-" + hex(key, 6);
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code key}, in hex. */
    static String hex(String key, int bytes) {
        return HexFormat.of().formatHex(digest(key), 0, bytes);
    }

    /** The noise id of a sequence: every frame of it gets the same noise, so the noise does not flicker. */
    static long noise(String sequence) {
        return ByteBuffer.wrap(digest(sequence)).getLong();
    }

    /** {@code value} as compact JSON. */
    static String json(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
