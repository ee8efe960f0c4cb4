package io.swapae.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns whatever ImageIO decoded into 8-bit RGB the way Pillow's {@code convert('RGB')} does: alpha is dropped
 * (not composited), gray is replicated, 16-bit samples keep their high byte, and the stored sample values are
 * used as they are (no colour-profile or gamma conversion). Other colour models (CMYK, packed, float, premultiplied)
 * go through Java's own conversion to sRGB.
 */
final class RgbConversion {

    private RgbConversion() {
    }

    static RgbImage toRgb(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        if (cm instanceof IndexColorModel icm) {
            fromPalette(raster, icm, out);
        } else if (isPlainComponentModel(cm, ColorSpace.TYPE_RGB, 3)) {
            fromSamples(raster, cm, new int[] {0, 1, 2}, out);
        } else if (isPlainComponentModel(cm, ColorSpace.TYPE_GRAY, 1)) {
            fromSamples(raster, cm, new int[] {0, 0, 0}, out);
        } else {
            fromArgb(image, out);
        }
        return new RgbImage(w, h, out);
    }

    private static boolean isPlainComponentModel(ColorModel cm, int colorSpaceType, int colorComponents) {
        int transfer = cm.getTransferType();
        return cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()
                && cm.getColorSpace().getType() == colorSpaceType && cm.getNumColorComponents() == colorComponents
                && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT);
    }

    private static void fromPalette(Raster raster, IndexColorModel icm, byte[] out) {
        int w = raster.getWidth();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int rgb = icm.getRGB(row[x]);
                out[o++] = (byte) (rgb >> 16);
                out[o++] = (byte) (rgb >> 8);
                out[o++] = (byte) rgb;
            }
        }
    }

    private static void fromSamples(Raster raster, ColorModel cm, int[] bandOf, byte[] out) {
        int w = raster.getWidth();
        int bands = raster.getNumBands();
        int[] bits = {cm.getComponentSize(bandOf[0]), cm.getComponentSize(bandOf[1]), cm.getComponentSize(bandOf[2])};
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int base = x * bands;
                for (int c = 0; c < 3; c++) {
                    out[o++] = (byte) to8Bit(row[base + bandOf[c]], bits[c]);
                }
            }
        }
    }

    /** High byte for deeper samples (as Pillow unpacks 16-bit data); full-range scaling for 1, 2 or 4 bits. */
    private static int to8Bit(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return sample * 255 / ((1 << bits) - 1);
    }

    private static void fromArgb(BufferedImage image, byte[] out) {
        int w = image.getWidth();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                out[o++] = (byte) (row[x] >> 16);
                out[o++] = (byte) (row[x] >> 8);
                out[o++] = (byte) row[x];
            }
        }
    }
}
