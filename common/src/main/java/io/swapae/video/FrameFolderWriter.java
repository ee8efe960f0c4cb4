package io.swapae.video;

import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageSize;
import io.swapae.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes frames as numbered PNG files in a folder ({@code frame000000.png}, {@code frame000001.png}, ...), lossless,
 * in the order {@link FrameFolderReader} reads them back. The frame rate is not stored: it is the reader's to choose.
 */
public final class FrameFolderWriter implements VideoWriter {

    private final Path folder;
    private ImageSize frameSize;
    private int frames;

    /** Writes into {@code folder}, created if missing. */
    public FrameFolderWriter(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** The file name of frame {@code index} (0-based). */
    public static String fileName(int index) {
        return String.format("frame%06d.png", index);
    }

    @Override
    public void append(RgbImage frame) throws IOException {
        if (frameSize == null) {
            frameSize = frame.size();
        } else if (!frameSize.equals(frame.size())) {
            throw new IllegalArgumentException("every frame of a video must have the size of the first (" + frameSize
                    + "), frame " + frames + " in " + folder + " is " + frame.size());
        }
        Files.write(folder.resolve(fileName(frames)), ImageEncoder.png(frame));
        frames++;
    }

    @Override
    public int frameCount() {
        return frames;
    }

    @Override
    public void close() {
        // every frame is a finished file as soon as it is appended
    }
}
