package io.swapae.image;

/**
 * Converts between {@link RgbImage}s and the network's float tensors (channel-major C x H x W, RGB, in [-1, 1]),
 * with the official arithmetic in float32: torchvision's {@code ToTensor} + {@code Normalize(0.5, 0.5)} on the way
 * in, {@code util.tensor2im} on the way out.
 */
public final class ImageTensors {

    private static final float[] NORMALIZED = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            NORMALIZED[v] = (v / 255f - 0.5f) / 0.5f;
        }
    }

    private ImageTensors() {
    }

    /** The network input for one image: {@code (v / 255 - 0.5) / 0.5}, C x H x W. */
    public static float[] toChw(RgbImage image) {
        float[] out = new float[3 * image.width() * image.height()];
        toChw(image, out, 0);
        return out;
    }

    /** Writes the network input of {@code image} into {@code dst} from {@code offset} (one slot of an N x C x H x W batch). */
    public static void toChw(RgbImage image, float[] dst, int offset) {
        int plane = image.width() * image.height();
        if (offset < 0 || dst.length - offset < 3 * plane) {
            throw new IllegalArgumentException("no room for a " + image.size() + " image at offset " + offset
                    + " of a " + dst.length + "-float array");
        }
        byte[] px = image.pixels();
        for (int i = 0, p = 0; i < plane; i++, p += 3) {
            dst[offset + i] = NORMALIZED[px[p] & 0xFF];
            dst[offset + plane + i] = NORMALIZED[px[p + 1] & 0xFF];
            dst[offset + 2 * plane + i] = NORMALIZED[px[p + 2] & 0xFF];
        }
    }

    /**
     * The official {@code tensor2im}: {@code (x + 1) / 2 * 255}, clipped to [0, 255], then truncated to an integer
     * (numpy's {@code astype(uint8)}), for the C x H x W image of {@code width} x {@code height} at {@code offset}.
     * NaN becomes 0.
     */
    public static RgbImage fromChw(float[] chw, int offset, int width, int height) {
        int plane = width * height;
        if (width < 1 || height < 1 || offset < 0 || chw.length - offset < 3 * plane) {
            throw new IllegalArgumentException("no " + width + "x" + height + " image at offset " + offset
                    + " of a " + chw.length + "-float array");
        }
        byte[] out = new byte[3 * plane];
        for (int i = 0, p = 0; i < plane; i++, p += 3) {
            out[p] = toByte(chw[offset + i]);
            out[p + 1] = toByte(chw[offset + plane + i]);
            out[p + 2] = toByte(chw[offset + 2 * plane + i]);
        }
        return new RgbImage(width, height, out);
    }

    private static byte toByte(float x) {
        float v = (x + 1) / 2.0f * 255.0f;
        if (!(v > 0f)) {
            return 0;
        }
        return (byte) (int) Math.min(v, 255f);
    }
}
