package io.swapae.image;

/**
 * The EXIF orientation tag (1..8) of a JPEG, and turning an image upright according to it, as Pillow's
 * {@code ImageOps.exif_transpose} does. A missing, damaged or out-of-range tag counts as 1 (upright).
 */
public final class ExifOrientation {

    /** Upright: nothing to do. */
    public static final int UPRIGHT = 1;

    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation in the first EXIF (APP1) segment of JPEG bytes, or 1 when there is none. */
    public static int ofJpeg(byte[] jpeg) {
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) {
                return UPRIGHT;
            }
            int marker = jpeg[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return UPRIGHT;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                p += 2;
                continue;
            }
            int length = u16(jpeg, p + 2, false);
            int start = p + 4;
            int end = Math.min(jpeg.length, p + 2 + length);
            if (length < 2) {
                return UPRIGHT;
            }
            if (marker == 0xE1 && end - start >= 14 && isExifHeader(jpeg, start)) {
                return ofTiff(jpeg, start + 6, end);
            }
            p += 2 + length;
        }
        return UPRIGHT;
    }

    /** Whether an orientation swaps width and height (5 to 8). */
    public static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The image turned upright according to {@code orientation}; the same image for 1 or an unknown value. */
    public static RgbImage apply(RgbImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = swapsSides(orientation);
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        int o = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                int i = (sy * w + sx) * 3;
                out[o++] = in[i];
                out[o++] = in[i + 1];
                out[o++] = in[i + 2];
            }
        }
        return new RgbImage(ow, oh, out);
    }

    private static boolean isExifHeader(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    private static int ofTiff(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return UPRIGHT;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return UPRIGHT;
        }
        long ifd = tiff + (u32(b, tiff + 4, little) & 0xFFFFFFFFL);
        if (ifd + 2 > end) {
            return UPRIGHT;
        }
        int count = u16(b, (int) ifd, little);
        for (int i = 0; i < count; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return UPRIGHT;
            }
            if (u16(b, entry, little) == TAG_ORIENTATION) {
                int type = u16(b, entry + 2, little);
                int value = type == 3 ? u16(b, entry + 8, little) : type == 4 ? u32(b, entry + 8, little) : 0;
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return little ? b1 << 8 | b0 : b0 << 8 | b1;
    }

    private static int u32(byte[] b, int at, boolean little) {
        int hi = u16(b, little ? at + 2 : at, little);
        int lo = u16(b, little ? at : at + 2, little);
        return hi << 16 | lo;
    }
}
