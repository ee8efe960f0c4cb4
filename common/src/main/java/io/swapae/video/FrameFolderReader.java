package io.swapae.video;

import io.swapae.image.ImageDecodeException;
import io.swapae.image.ImageDecoder;
import io.swapae.image.RgbImage;
import io.swapae.video.VideoReadException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a folder of frame images (one image per frame, e.g. exported from a video) as a video, one frame at a time.
 * The frames are the files with an image extension ({@value #FRAME_EXTENSIONS}, any case), ordered by
 * {@link NaturalOrder} of their names so {@code frame2.png} plays before {@code frame10.png}; hidden files and other
 * files (a {@code _SUCCESS} marker, a readme) are left out. Only names are listed up front; each image is decoded
 * when its turn comes.
 */
public final class FrameFolderReader implements VideoFrames {

    /** The file extensions that make a file a frame, compared in lower case. */
    public static final String FRAME_EXTENSIONS = "png, jpg, jpeg, bmp, gif, tif, tiff, webp";

    private static final Set<String> EXTENSIONS = Set.of(FRAME_EXTENSIONS.split(", "));

    private final List<Path> frames;
    private final ImageDecoder decoder;
    private int next;

    private FrameFolderReader(List<Path> frames, ImageDecoder decoder) {
        this.frames = frames;
        this.decoder = decoder;
    }

    /** Lists the frames of {@code folder}, decoded later with the default {@link ImageDecoder}. */
    public static FrameFolderReader open(Path folder) throws VideoReadException {
        return open(folder, new ImageDecoder());
    }

    /** Lists the frames of {@code folder}, decoded later with {@code decoder} (its pixel limit applies per frame). */
    public static FrameFolderReader open(Path folder, ImageDecoder decoder) throws VideoReadException {
        if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
            throw new VideoReadException(Reason.NOT_FOUND, folder, "no readable folder of frames there");
        }
        List<Path> frames;
        try (Stream<Path> files = Files.list(folder)) {
            frames = files.filter(FrameFolderReader::isFrame)
                    .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName().toString(),
                            b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new VideoReadException(Reason.NOT_FOUND, folder, "cannot list the folder: " + e.getMessage(), e);
        }
        if (frames.isEmpty()) {
            throw new VideoReadException(Reason.NO_FRAMES, folder,
                    "no frame images (" + FRAME_EXTENSIONS + ") in the folder");
        }
        return new FrameFolderReader(frames, decoder);
    }

    @Override
    public Optional<RgbImage> next() throws VideoReadException {
        if (next == frames.size()) {
            return Optional.empty();
        }
        Path frame = frames.get(next);
        try {
            RgbImage image = decoder.decode(Files.readAllBytes(frame));
            next++;
            return Optional.of(image);
        } catch (ImageDecodeException e) {
            throw new VideoReadException(Reason.BAD_FRAME, frame, "frame " + next + " is not a readable image: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new VideoReadException(Reason.NOT_FOUND, frame, "cannot read frame " + next + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public int frameCount() {
        return frames.size();
    }

    /** The frame files in playing order. */
    public List<Path> frameFiles() {
        return frames;
    }

    @Override
    public void close() {
        // nothing is held open between frames
    }

    private static boolean isFrame(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                && Files.isRegularFile(file);
    }
}
