package io.swapae.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids of generated outputs as hashes of what makes them (operation, parameters, sources, seed, model), so the same
 * inputs always name the same picture, run or sequence and reruns recognise what exists; and the compact JSON of
 * parameters that goes into those hashes and the tables.
 */
public final class OutputIds {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private OutputIds() {
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code key} (UTF-8), in lower-case hex. */
    public static String hex(String key, int bytes) {
        return HexFormat.of().formatHex(sha256(key), 0, bytes);
    }

    /** The first 8 bytes of the SHA-256 of {@code key} as a number: a noise id or a seed derived from the key. */
    public static long number(String key) {
        return ByteBuffer.wrap(sha256(key)).getLong();
    }

    /** {@code value} as compact JSON (maps keep their order). */
    public static String json(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not expressible as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
