package io.swapae.image;

import java.util.Arrays;

/**
 * A decoded image as the rest of the system consumes it: 8-bit RGB, row-major, interleaved
 * ({@code pixels[(y * width + x) * 3 + c]}, {@code c} = 0 red, 1 green, 2 blue).
 * The array is shared, not copied: treat it as read-only once the image is built.
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + width + "x" + height);
        }
        if (pixels == null || pixels.length != 3L * width * height) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " bytes for a " + width + "x"
                    + height + " RGB image, got " + (pixels == null ? "none" : pixels.length));
        }
    }

    /** A black image of the given size. */
    public static RgbImage black(int width, int height) {
        return new RgbImage(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) of pixel ({@code x}, {@code y}), 0..255. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }

    /** Pixel ({@code x}, {@code y}) packed as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        int i = (y * width + x) * 3;
        return (pixels[i] & 0xFF) << 16 | (pixels[i + 1] & 0xFF) << 8 | pixels[i + 2] & 0xFF;
    }

    /** The size as a value. */
    public ImageSize size() {
        return new ImageSize(width, height);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
