package io.swapae.video;

import io.swapae.image.RgbImage;

/**
 * Test frames that compress like real footage yet change a lot between frames: smooth waves drifting 3 pixels per
 * frame, so a writer that repeats or drops frames shows.
 */
final class MovingPattern {

    private MovingPattern() {
    }

    static RgbImage frame(int index, int width, int height) {
        byte[] px = new byte[width * height * 3];
        int o = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                px[o++] = wave(x + 3 * index, 32);
                px[o++] = wave(y + 2 * index, 24);
                px[o++] = wave(x + y - 3 * index, 40);
            }
        }
        return new RgbImage(width, height, px);
    }

    /** Mean absolute difference per channel sample, over the top-left area both images cover. */
    static double meanAbsError(RgbImage a, RgbImage b) {
        int w = Math.min(a.width(), b.width());
        int h = Math.min(a.height(), b.height());
        long sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                }
            }
        }
        return (double) sum / (3L * w * h);
    }

    private static byte wave(int position, int period) {
        return (byte) Math.round(128 + 100 * Math.sin(2 * Math.PI * position / period));
    }
}
