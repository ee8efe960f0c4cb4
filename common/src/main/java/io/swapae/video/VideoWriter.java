package io.swapae.video;

import io.swapae.image.RgbImage;
import java.io.Closeable;
import java.io.IOException;

/**
 * Writes a video one frame at a time to a local file or folder, holding no more than the frame at hand. Every
 * frame must have the size of the first. {@link #close()} finishes the output; only then is it complete. A caller
 * that stores videos on a Hadoop file system (s3a, hdfs) writes to a local temporary file and copies it up after
 * closing.
 */
public interface VideoWriter extends Closeable {

    /** Appends the next frame. */
    void append(RgbImage frame) throws IOException;

    /** How many frames were appended so far. */
    int frameCount();
}
