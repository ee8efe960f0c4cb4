package io.swapae.video;

import io.swapae.image.RgbImage;
import io.swapae.video.VideoReadException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.api.UnsupportedFormatException;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;

/**
 * Reads the frames of an H.264 video in an MP4 (or QuickTime MOV) file, one at a time, with jcodec. Samples are
 * taken as BT.601 limited range, as players do for a stream that does not say otherwise. Whatever goes wrong in the
 * file (not a video, no index because the file was cut short, a frame that does not decode) is a
 * {@link VideoReadException} naming the file, never a stray runtime exception from the decoder.
 */
public final class Mp4Reader implements VideoFrames {

    private final Path file;
    private final FileChannelWrapper channel;
    private final FrameGrab grab;
    private final int frameCount;
    private final double framesPerSecond;
    private Picture rgb;
    private int read;

    private Mp4Reader(Path file, FileChannelWrapper channel, FrameGrab grab) {
        this.file = file;
        this.channel = channel;
        this.grab = grab;
        DemuxerTrackMeta meta = grab.getVideoTrack().getMeta();
        this.frameCount = meta.getTotalFrames();
        this.framesPerSecond = meta.getTotalDuration() > 0 ? meta.getTotalFrames() / meta.getTotalDuration() : 0;
    }

    /** Opens {@code file} and reads its index; no frame is decoded yet. */
    public static Mp4Reader open(Path file) throws VideoReadException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new VideoReadException(Reason.NOT_FOUND, file, "no readable video file there");
        }
        FileChannelWrapper channel;
        try {
            if (Files.size(file) == 0) {
                throw new VideoReadException(Reason.EMPTY, file, "the file is empty");
            }
            channel = NIOUtils.readableChannel(file.toFile());
        } catch (IOException e) {
            throw new VideoReadException(Reason.NOT_FOUND, file, "cannot read the file: " + e.getMessage(), e);
        }
        try {
            return new Mp4Reader(file, channel, FrameGrab.createFrameGrab(channel));
        } catch (UnsupportedFormatException e) {
            NIOUtils.closeQuietly(channel);
            throw notDecodable(file, e);
        } catch (IOException | JCodecException | RuntimeException e) {
            NIOUtils.closeQuietly(channel);
            throw new VideoReadException(Reason.CORRUPT, file, "truncated or damaged video: " + describe(e), e);
        }
    }

    @Override
    public Optional<RgbImage> next() throws VideoReadException {
        Picture picture;
        try {
            picture = grab.getNativeFrame();
        } catch (IOException | RuntimeException e) {
            throw new VideoReadException(Reason.CORRUPT, file, "frame " + read + " does not decode: " + describe(e), e);
        }
        if (picture == null) {
            if (read == 0) {
                throw new VideoReadException(Reason.NO_FRAMES, file, "the video has no frames");
            }
            return Optional.empty();
        }
        read++;
        return Optional.of(toRgb(picture));
    }

    @Override
    public int frameCount() {
        return frameCount;
    }

    /** The frame rate from the index: frames over duration (0 when the index gives no duration). */
    public double framesPerSecond() {
        return framesPerSecond;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private RgbImage toRgb(Picture picture) throws VideoReadException {
        Transform transform = ColorUtil.getTransform(picture.getColor(), ColorSpace.RGB);
        if (transform == null) {
            throw new VideoReadException(Reason.UNSUPPORTED, file, "frames in " + picture.getColor()
                    + " colour cannot be converted to RGB here");
        }
        if (rgb == null || rgb.getWidth() != picture.getWidth() || rgb.getHeight() != picture.getHeight()) {
            rgb = Picture.create(picture.getWidth(), picture.getHeight(), ColorSpace.RGB);
        }
        transform.transform(picture, rgb);
        int width = picture.getCroppedWidth();
        int height = picture.getCroppedHeight();
        byte[] in = rgb.getPlaneData(0);
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        int o = 0;
        for (int y = 0; y < height; y++) {
            int i = ((picture.getStartY() + y) * rgb.getWidth() + picture.getStartX()) * 3;
            for (int k = 0; k < width * 3; k++) {
                out[o++] = (byte) (in[i + k] + 128);
            }
        }
        return new RgbImage(width, height, out);
    }

    private static VideoReadException notDecodable(Path file, UnsupportedFormatException e) {
        String message = String.valueOf(e.getMessage());
        Reason reason = message.startsWith("Could not detect") ? Reason.NOT_A_VIDEO : Reason.UNSUPPORTED;
        String what = reason == Reason.NOT_A_VIDEO ? "not a video known here (only H.264 in MP4/MOV is read)"
                : "cannot be decoded here (only H.264 in MP4/MOV is read)";
        return new VideoReadException(reason, file, what + ": " + message, e);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
