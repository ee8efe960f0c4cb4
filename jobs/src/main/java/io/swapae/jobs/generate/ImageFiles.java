package io.swapae.jobs.generate;

import io.swapae.image.ImageDecodeException;
import io.swapae.image.ImageDecoder;
import io.swapae.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads and writes generated pictures through the Hadoop file system ({@code file://}, {@code s3a://},
 * {@code hdfs://}); a failed write is tried again twice, after 0.5 s and 2 s, before it fails the task with the path.
 */
public final class ImageFiles {

    private static final long[] BACKOFF_MILLIS = {500, 2000};
    private static final ImageDecoder DECODER = new ImageDecoder();

    private ImageFiles() {
    }

    /** Writes {@code bytes} to {@code uri}, replacing what is there. */
    public static void write(String uri, byte[] bytes, Configuration conf) throws IOException {
        Path target = new Path(uri);
        for (int attempt = 0; ; attempt++) {
            try (OutputStream out = target.getFileSystem(conf).create(target, true)) {
                out.write(bytes);
                return;
            } catch (IOException e) {
                if (attempt == BACKOFF_MILLIS.length) {
                    throw new IOException("cannot write " + target + " (tried " + (attempt + 1) + " times): "
                            + e.getMessage(), e);
                }
                sleep(BACKOFF_MILLIS[attempt]);
            }
        }
    }

    /** The bytes at {@code uri}. */
    public static byte[] read(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return in.readAllBytes();
        }
    }

    /** The picture encoded in {@code bytes}, named {@code name} in errors. */
    public static RgbImage decode(byte[] bytes, String name) throws IOException {
        try {
            return DECODER.decode(bytes);
        } catch (ImageDecodeException e) {
            throw new IOException("cannot read the picture " + name + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while retrying a write", e);
        }
    }
}
