package io.swapae.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes {@link RgbImage}s as PNG or JPEG bytes, for the images the jobs write. */
public final class ImageEncoder {

    /** The output formats. */
    public enum Format {
        PNG("png", "png"), JPEG("jpeg", "jpg");

        private final String imageIoName;
        private final String extension;

        Format(String imageIoName, String extension) {
            this.imageIoName = imageIoName;
            this.extension = extension;
        }

        /** The usual file extension, without the dot. */
        public String extension() {
            return extension;
        }
    }

    /** The JPEG quality used when none is given (Pillow's default is 75; generated images deserve more). */
    public static final int DEFAULT_JPEG_QUALITY = 95;

    private ImageEncoder() {
    }

    /** Lossless PNG bytes. */
    public static byte[] png(RgbImage image) {
        return write(image, Format.PNG, null);
    }

    /** Baseline JPEG bytes at {@code quality} (1..100, as in Pillow). */
    public static byte[] jpeg(RgbImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in 1..100, got " + quality);
        }
        return write(image, Format.JPEG, quality / 100f);
    }

    /** Bytes in {@code format}; JPEG at {@link #DEFAULT_JPEG_QUALITY}. */
    public static byte[] encode(RgbImage image, Format format) {
        return format == Format.PNG ? png(image) : jpeg(image, DEFAULT_JPEG_QUALITY);
    }

    /** The image as a {@code TYPE_3BYTE_BGR} {@link BufferedImage}, for drawing or ImageIO. */
    public static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.pixels();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }

    private static byte[] write(RgbImage image, Format format, Float quality) {
        ImageWriter writer = ImageIoPlugins.writer(format.imageIoName)
                .orElseThrow(() -> new IllegalStateException("no ImageIO writer for " + format));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(toBufferedImage(image), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + image + " as " + format, e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
