package io.swapae.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways a sequence of frames can be stored: an H.264 MP4, an animated GIF, or a folder of PNG frames. */
public enum VideoFormat {
    MP4("mp4"), GIF("gif"), FRAMES("");

    private final String extension;

    VideoFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension without the dot; empty for {@link #FRAMES}, which is a folder. */
    public String extension() {
        return extension;
    }

    /** The format named {@code name} (mp4, gif, frames; any case). */
    public static VideoFormat parse(String name) {
        for (VideoFormat format : values()) {
            if (format.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown video format '" + name + "': accepted are "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /**
     * A writer for this format at local {@code target} (a file for MP4 and GIF, a folder for FRAMES) playing
     * {@code fps} frames per second (not stored for FRAMES, but checked to be positive all the same).
     */
    public VideoWriter writer(Path target, int fps) throws IOException {
        return switch (this) {
            case MP4 -> new Mp4Writer(target, fps);
            case GIF -> new GifWriter(target, fps);
            case FRAMES -> {
                if (fps < 1) {
                    throw new IllegalArgumentException("frame rate must be at least 1 frame per second, got " + fps);
                }
                yield new FrameFolderWriter(target);
            }
        };
    }
}
