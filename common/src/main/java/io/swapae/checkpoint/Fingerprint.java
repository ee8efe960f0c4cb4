package io.swapae.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity of a model's weights, recorded on every output row: a SHA-256 over the tensors, independent of the
 * file format they came from (a {@code .pth} and the safetensors converted from it have the same fingerprint).
 *
 * <p>Definition: the tensors (for {@link ModelWeights}: every {@code E.*} and {@code G.*} tensor, learned parameters
 * and the fixed FIR-kernel buffers alike) in ascending key order ({@link String#compareTo}); for each, in this order:
 * the key in UTF-8, a 0 byte, the dtype name ({@code F32}, {@code F16}, ...) in ASCII, a 0 byte, the rank and each
 * dimension as 8-byte little-endian integers, the data length in bytes as an 8-byte little-endian integer, then the
 * data (little-endian, row-major).
 */
public record Fingerprint(String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Fingerprint {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a fingerprint is 64 lowercase hex digits, got '" + sha256 + "'");
        }
    }

    /** The fingerprint of {@code tensors}. */
    public static Fingerprint of(StateDict tensors) {
        MessageDigest sha = sha256Digest();
        List<String> keys = new ArrayList<>(tensors.keys());
        keys.sort(null);
        for (String key : keys) {
            TensorData t = tensors.asMap().get(key);
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(t.dtype().name().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            ByteBuffer dims = ByteBuffer.allocate(8 * (t.shape().length + 2)).order(ByteOrder.LITTLE_ENDIAN);
            dims.putLong(t.shape().length);
            for (long d : t.shape()) {
                dims.putLong(d);
            }
            dims.putLong(t.data().remaining());
            sha.update(dims.flip());
            sha.update(t.data().duplicate());
        }
        return new Fingerprint(HexFormat.of().formatHex(sha.digest()));
    }

    /** The full form, {@code sha256:} and 64 hex digits. */
    public String full() {
        return "sha256:" + sha256;
    }

    /** The short form shown to users and stored on output rows: {@code sha256:} and the first 16 hex digits. */
    public String shortForm() {
        return "sha256:" + sha256.substring(0, 16);
    }

    /** Parses {@link #full()} or a bare 64-digit hex string. */
    public static Fingerprint parse(String text) {
        String s = text.trim();
        return new Fingerprint(s.startsWith("sha256:") ? s.substring(7) : s);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The short form. */
    @Override
    public String toString() {
        return shortForm();
    }
}
