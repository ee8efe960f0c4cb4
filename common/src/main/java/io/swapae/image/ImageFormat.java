package io.swapae.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The image formats that can be decoded, recognised by their leading bytes (never by a file name). */
public enum ImageFormat {
    JPEG, PNG, GIF, BMP, TIFF, WEBP;

    /** The ImageIO format name of this format. */
    public String imageIoName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format of an image from its first bytes.
     *
     * @throws ImageDecodeException {@code UNSUPPORTED_FORMAT} for a recognised image format that is not decoded here
     *         (HEIF/AVIF, JPEG 2000, JPEG XL, PSD, ICO, SVG, PDF), {@code NOT_AN_IMAGE} for anything else
     */
    public static ImageFormat detect(byte[] b) throws ImageDecodeException {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return GIF;
        }
        if (ascii(b, 0, "BM") && b.length >= 26) {
            return BMP;
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)
                || startsWith(b, 0, 'I', 'I', 43, 0) || startsWith(b, 0, 'M', 'M', 0, 43)) {
            return TIFF;
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return WEBP;
        }
        String unsupported = unsupportedName(b);
        if (unsupported != null) {
            throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                    unsupported + " images are not supported");
        }
        throw new ImageDecodeException(ImageDecodeException.Reason.NOT_AN_IMAGE,
                "not an image (leading bytes " + hex(b, 8) + ")");
    }

    /**
     * Whether {@code bytes} of this format end with its end marker (JPEG EOI, PNG IEND chunk; trailing zero
     * padding allowed). Always true for formats that declare their length up front instead.
     */
    public boolean hasEndMarker(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return switch (this) {
            case JPEG -> end >= 2 && (bytes[end - 2] & 0xFF) == 0xFF && (bytes[end - 1] & 0xFF) == 0xD9;
            case PNG -> bytes.length >= 8 && ascii(bytes, bytes.length - 8, "IEND");
            default -> true;
        };
    }

    private static String unsupportedName(byte[] b) {
        if (ascii(b, 4, "ftyp")) {
            return ascii(b, 8, "avif") || ascii(b, 8, "avis") ? "AVIF" : "HEIF/ISO media";
        }
        if (startsWith(b, 0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || startsWith(b, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "JPEG 2000";
        }
        if (startsWith(b, 0, 0xFF, 0x0A) || startsWith(b, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
            return "JPEG XL";
        }
        if (ascii(b, 0, "8BPS")) {
            return "PSD";
        }
        if (startsWith(b, 0, 0, 0, 1, 0) && b.length > 6) {
            return "ICO";
        }
        if (ascii(b, 0, "%PDF")) {
            return "PDF";
        }
        String head = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (head.contains("<svg")) {
            return "SVG";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String expected) {
        return startsWith(b, at, expected.chars().toArray());
    }

    private static String hex(byte[] b, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, max); i++) {
            s.append(String.format("%02x", b[i] & 0xFF));
        }
        return s.toString();
    }
}
