package io.swapae.image;

/**
 * Why some bytes could not be turned into an {@link RgbImage}. The message is one line, fit for an errors table;
 * {@link #reason()} is the stable category to count and filter on.
 */
public final class ImageDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Categories of decoding failure. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** The bytes are not an image in any format known here (text, random data, ...). */
        NOT_AN_IMAGE,
        /** A recognised image format, or a variant of one, that cannot be decoded here. */
        UNSUPPORTED_FORMAT,
        /** The image is damaged. */
        CORRUPT,
        /** The image data ends early. */
        TRUNCATED,
        /** The header declares more pixels than the configured limit (a decompression bomb, or just too big). */
        TOO_MANY_PIXELS,
        /** A side is shorter than the configured minimum. */
        TOO_SMALL,
        /** The decoder ran out of memory. */
        OUT_OF_MEMORY
    }

    private final Reason reason;

    public ImageDecodeException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ImageDecodeException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + oneLine(message), cause);
        this.reason = reason;
    }

    /** The category of the failure. */
    public Reason reason() {
        return reason;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
