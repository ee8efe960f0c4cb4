package io.swapae.video;

import io.swapae.image.RgbImage;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The frames of a user's video, read one at a time in playing order: from an MP4 file ({@link Mp4Reader}) or from
 * a folder of frame images ({@link FrameFolderReader}). Only the frame returned last is held in memory. Sources are
 * local paths: a caller whose video is on a Hadoop file system (s3a, hdfs) copies it to a local file first.
 */
public interface VideoFrames extends Closeable {

    /** The next frame, or empty after the last one. */
    Optional<RgbImage> next() throws VideoReadException;

    /** How many frames there are in all, as far as known before reading them. */
    int frameCount();

    /** Frames of {@code source}: a folder is read as a folder of frame images, anything else as an MP4 file. */
    static VideoFrames open(Path source) throws VideoReadException {
        return Files.isDirectory(source) ? FrameFolderReader.open(source) : Mp4Reader.open(source);
    }
}
