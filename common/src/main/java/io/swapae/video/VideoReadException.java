package io.swapae.video;

import java.nio.file.Path;

/**
 * Why frames could not be read from a video file or a folder of frames. The message is one line that names the file
 * or folder, fit for an errors table; {@link #reason()} is the stable category to count and filter on.
 */
public final class VideoReadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Categories of reading failure. */
    public enum Reason {
        /** The file or folder does not exist or cannot be read. */
        NOT_FOUND,
        /** The file has no bytes at all. */
        EMPTY,
        /** The bytes are not a video container known here. */
        NOT_A_VIDEO,
        /** A recognised container or codec that cannot be decoded here (only H.264 in MP4/MOV is). */
        UNSUPPORTED,
        /** The video is truncated or damaged: its index is missing, or a frame does not decode. */
        CORRUPT,
        /** A folder holds no frame images, or a video holds no frames. */
        NO_FRAMES,
        /** A frame image in a folder of frames could not be decoded. */
        BAD_FRAME
    }

    private final Reason reason;
    private final transient Path path;

    public VideoReadException(Reason reason, Path path, String message) {
        this(reason, path, message, null);
    }

    public VideoReadException(Reason reason, Path path, String message, Throwable cause) {
        super(reason + ": " + path + ": " + oneLine(message), cause);
        this.reason = reason;
        this.path = path;
    }

    /** The category of the failure. */
    public Reason reason() {
        return reason;
    }

    /** The video file, folder or frame image the failure is about. */
    public Path path() {
        return path;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
