package io.swapae.image;

import java.util.Arrays;

/**
 * Pillow's {@code Image.resize(size, Image.BICUBIC)} for 8-bit RGB, bit for bit: a horizontal then a vertical pass
 * (each only when that side changes), bicubic kernel with a = -0.5 whose support widens by the downscale factor,
 * weights normalised per output pixel in double precision then fixed to 22 fractional bits, and each pass rounded
 * and clipped to 0..255 (Pillow's {@code libImaging/Resample.c}).
 */
public final class BicubicResampler {

    private static final double SUPPORT = 2.0;
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private BicubicResampler() {
    }

    /** The image resized to {@code width} x {@code height}; the same image when the size does not change. */
    public static RgbImage resize(RgbImage image, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("cannot resize " + image + " to " + width + "x" + height);
        }
        if (width == image.width() && height == image.height()) {
            return image;
        }
        Coefficients vertical = Coefficients.of(image.height(), height);
        RgbImage current = image;
        if (width != image.width()) {
            int firstRow = vertical.bounds[0];
            int lastRow = vertical.bounds[2 * height - 2] + vertical.bounds[2 * height - 1];
            current = horizontal(image, Coefficients.of(image.width(), width), firstRow, lastRow - firstRow);
            vertical = vertical.shifted(-firstRow);
        }
        if (height != image.height()) {
            current = vertical(current, vertical);
        }
        return current;
    }

    private static RgbImage horizontal(RgbImage in, Coefficients c, int firstRow, int rows) {
        int inW = in.width();
        int outW = c.outSize;
        byte[] src = in.pixels();
        byte[] dst = new byte[outW * rows * 3];
        int o = 0;
        for (int y = 0; y < rows; y++) {
            int rowStart = (y + firstRow) * inW * 3;
            for (int x = 0; x < outW; x++) {
                int min = c.bounds[2 * x];
                int n = c.bounds[2 * x + 1];
                int k = x * c.ksize;
                int r = HALF;
                int g = HALF;
                int b = HALF;
                int s = rowStart + min * 3;
                for (int i = 0; i < n; i++, s += 3) {
                    int w = c.weights[k + i];
                    r += (src[s] & 0xFF) * w;
                    g += (src[s + 1] & 0xFF) * w;
                    b += (src[s + 2] & 0xFF) * w;
                }
                dst[o++] = clip8(r);
                dst[o++] = clip8(g);
                dst[o++] = clip8(b);
            }
        }
        return new RgbImage(outW, rows, dst);
    }

    private static RgbImage vertical(RgbImage in, Coefficients c) {
        int w = in.width();
        int stride = w * 3;
        int outH = c.outSize;
        byte[] src = in.pixels();
        byte[] dst = new byte[stride * outH];
        int[] acc = new int[stride];
        for (int y = 0; y < outH; y++) {
            Arrays.fill(acc, HALF);
            int min = c.bounds[2 * y];
            int n = c.bounds[2 * y + 1];
            int k = y * c.ksize;
            for (int i = 0; i < n; i++) {
                int weight = c.weights[k + i];
                int s = (min + i) * stride;
                for (int j = 0; j < stride; j++) {
                    acc[j] += (src[s + j] & 0xFF) * weight;
                }
            }
            int o = y * stride;
            for (int j = 0; j < stride; j++) {
                dst[o + j] = clip8(acc[j]);
            }
        }
        return new RgbImage(w, outH, dst);
    }

    private static byte clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    private static double bicubic(double x) {
        double a = -0.5;
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** Per output pixel: the first input index, the number of taps and the fixed-point weights. */
    private record Coefficients(int outSize, int ksize, int[] bounds, int[] weights) {

        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[outSize * 2];
            int[] weights = new int[outSize * ksize];
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double ww = 0.0;
                for (int x = 0; x < xmax; x++) {
                    double w = bicubic((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double w = ww != 0.0 ? k[x] / ww : k[x];
                    weights[xx * ksize + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS)
                            : 0.5 + w * (1 << PRECISION_BITS));
                }
                bounds[2 * xx] = xmin;
                bounds[2 * xx + 1] = xmax;
            }
            return new Coefficients(outSize, ksize, bounds, weights);
        }

        Coefficients shifted(int delta) {
            int[] moved = bounds.clone();
            for (int i = 0; i < outSize; i++) {
                moved[2 * i] += delta;
            }
            return new Coefficients(outSize, ksize, moved, weights);
        }
    }
}
