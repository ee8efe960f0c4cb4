package io.swapae.image;

import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;

/**
 * Finds ImageIO readers and writers, preferring the TwelveMonkeys plugins (CMYK/YCCK JPEG, WebP, more TIFF
 * variants) over the JDK's. Plugins are scanned once with this library's class loader, so they are found even
 * when the thread's context class loader (a Spark executor's, say) does not see them.
 */
final class ImageIoPlugins {

    private static final String PREFERRED_VENDOR_PACKAGE = "com.twelvemonkeys.";

    static {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ImageIoPlugins.class.getClassLoader());
        try {
            ImageIO.scanForPlugins();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private ImageIoPlugins() {
    }

    static Optional<ImageReader> reader(ImageFormat format) {
        return preferred(ImageIO.getImageReadersByFormatName(format.imageIoName()));
    }

    static Optional<ImageWriter> writer(String formatName) {
        return preferred(ImageIO.getImageWritersByFormatName(formatName));
    }

    private static <T> Optional<T> preferred(Iterator<T> candidates) {
        T first = null;
        while (candidates.hasNext()) {
            T candidate = candidates.next();
            if (candidate.getClass().getName().startsWith(PREFERRED_VENDOR_PACKAGE)) {
                return Optional.of(candidate);
            }
            if (first == null) {
                first = candidate;
            }
        }
        return Optional.ofNullable(first);
    }
}
