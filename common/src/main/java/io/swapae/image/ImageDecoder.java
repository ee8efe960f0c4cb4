package io.swapae.image;

import io.swapae.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image bytes (JPEG incl. CMYK/YCCK and progressive, PNG, GIF first frame, BMP, TIFF, WebP) into an upright
 * {@link RgbImage}: EXIF orientation applied (JPEG), alpha dropped as Pillow's {@code convert('RGB')} does.
 * The size is read from the header and checked against a pixel limit and a minimum side before any pixel is
 * allocated, so decompression bombs are refused cheaply. Every failure is an {@link ImageDecodeException}.
 * Instances are immutable and thread-safe.
 */
public final class ImageDecoder {

    /** The default pixel limit: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private final long maxPixels;
    private final int minSide;

    /** A decoder with the default pixel limit and no minimum side. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS, 1);
    }

    private ImageDecoder(long maxPixels, int minSide) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel limit must be >= 1, got " + maxPixels);
        }
        if (minSide < 1) {
            throw new IllegalArgumentException("minimum side must be >= 1, got " + minSide);
        }
        this.maxPixels = maxPixels;
        this.minSide = minSide;
    }

    /** The same decoder refusing images of more than {@code maxPixels} pixels. */
    public ImageDecoder withMaxPixels(long maxPixels) {
        return new ImageDecoder(maxPixels, minSide);
    }

    /** The same decoder refusing images whose width or height is below {@code minSide}. */
    public ImageDecoder withMinSide(int minSide) {
        return new ImageDecoder(maxPixels, minSide);
    }

    public long maxPixels() {
        return maxPixels;
    }

    public int minSide() {
        return minSide;
    }

    /** Decodes a whole image. */
    public RgbImage decode(byte[] bytes) throws ImageDecodeException {
        return read(bytes, true).image;
    }

    /** Reads the stream to its end and decodes it; an {@link IOException} is a failure to read, not a bad image. */
    public RgbImage decode(InputStream in) throws IOException, ImageDecodeException {
        return decode(in.readAllBytes());
    }

    /** The format and upright size from the header alone, with the same checks as {@link #decode(byte[])}. */
    public ImageInfo probe(byte[] bytes) throws ImageDecodeException {
        return read(bytes, false).info;
    }

    private record Result(ImageInfo info, RgbImage image) {
    }

    private Result read(byte[] bytes, boolean pixels) throws ImageDecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodeException(Reason.EMPTY, "no bytes");
        }
        ImageFormat format = ImageFormat.detect(bytes);
        ImageReader reader = ImageIoPlugins.reader(format).orElseThrow(() -> new ImageDecodeException(
                Reason.UNSUPPORTED_FORMAT, "no " + format + " decoder is available"));
        Warnings warnings = new Warnings();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, false, true);
            reader.addIIOReadWarningListener(warnings);
            int orientation = format == ImageFormat.JPEG ? ExifOrientation.ofJpeg(bytes) : ExifOrientation.UPRIGHT;
            boolean swap = ExifOrientation.swapsSides(orientation);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            checkSize(format, width, height);
            ImageInfo info = new ImageInfo(format, swap ? height : width, swap ? width : height);
            if (!pixels) {
                return new Result(info, null);
            }
            BufferedImage decoded = reader.read(0);
            warnings.throwIfTruncated(format);
            RgbImage image = ExifOrientation.apply(RgbConversion.toRgb(decoded), orientation);
            return new Result(info, image);
        } catch (IOException | RuntimeException e) {
            throw failure(format, bytes, e);
        } catch (OutOfMemoryError e) {
            throw new ImageDecodeException(Reason.OUT_OF_MEMORY, format + " decoding ran out of memory", e);
        } finally {
            reader.dispose();
        }
    }

    private void checkSize(ImageFormat format, int width, int height) throws ImageDecodeException {
        if (width < 1 || height < 1) {
            throw new ImageDecodeException(Reason.CORRUPT, format + " header declares a " + width + "x" + height
                    + " image");
        }
        long pixelCount = (long) width * height;
        if (pixelCount > maxPixels) {
            throw new ImageDecodeException(Reason.TOO_MANY_PIXELS, format + " image is " + width + "x" + height
                    + " = " + pixelCount + " pixels, over the limit of " + maxPixels);
        }
        if (Math.min(width, height) < minSide) {
            throw new ImageDecodeException(Reason.TOO_SMALL, format + " image is " + width + "x" + height
                    + ", a side is below the minimum of " + minSide);
        }
    }

    private static ImageDecodeException failure(ImageFormat format, byte[] bytes, Exception e) {
        String text = describe(e);
        if (isTruncation(e) || !format.hasEndMarker(bytes)) {
            return new ImageDecodeException(Reason.TRUNCATED, format + " data ends early: " + text, e);
        }
        if (e instanceof IOException && text.toLowerCase(Locale.ROOT).contains("unsupported")) {
            return new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, format + " variant not supported: " + text, e);
        }
        return new ImageDecodeException(Reason.CORRUPT, format + " data is damaged: " + text, e);
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || mentionsEarlyEnd(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsEarlyEnd(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("premature end") || m.contains("unexpected end") || m.contains("truncated")
                || m.contains("end of file") || m.contains("eof");
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 300; t = t.getCause()) {
            s.append(s.length() == 0 ? "" : " / ").append(t.getMessage() != null ? t.getMessage()
                    : t.getClass().getSimpleName());
        }
        return s.toString();
    }

    /** Collects decoder warnings: libjpeg reports a truncated JPEG as a warning and fills the rest with gray. */
    private static final class Warnings implements IIOReadWarningListener {
        private final List<String> messages = new ArrayList<>();

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            messages.add(warning);
        }

        void throwIfTruncated(ImageFormat format) throws ImageDecodeException {
            for (String m : messages) {
                if (mentionsEarlyEnd(m)) {
                    throw new ImageDecodeException(Reason.TRUNCATED, format + " data ends early: " + m);
                }
            }
        }
    }
}
