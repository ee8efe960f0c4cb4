package io.swapae.image;

/** How far two same-size images are apart: the largest per-channel difference and the share of identical channels. */
record PixelDiff(int maxAbs, double exactFraction) {

    static PixelDiff between(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("sizes differ: " + a.size() + " vs " + b.size());
        }
        byte[] pa = a.pixels();
        byte[] pb = b.pixels();
        int max = 0;
        long exact = 0;
        for (int i = 0; i < pa.length; i++) {
            int d = Math.abs((pa[i] & 0xFF) - (pb[i] & 0xFF));
            max = Math.max(max, d);
            exact += d == 0 ? 1 : 0;
        }
        return new PixelDiff(max, (double) exact / pa.length);
    }

    @Override
    public String toString() {
        return String.format("max |diff| %d, %.4f%% exact", maxAbs, 100 * exactFraction);
    }
}
