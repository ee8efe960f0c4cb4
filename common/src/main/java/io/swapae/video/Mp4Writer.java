package io.swapae.video;

import io.swapae.image.ImageSize;
import io.swapae.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import org.jcodec.api.transcode.PixelStore.LoanerPicture;
import org.jcodec.api.transcode.SinkImpl;
import org.jcodec.api.transcode.VideoFrameWithPacket;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;

/**
 * Writes frames as an H.264 video in an MP4 file, with jcodec's pure-Java encoder (I and P frames, CAVLC, its
 * default rate control).
 *
 * <p>Colour: frames are converted to BT.601 limited-range YUV 4:2:0, which is what players assume for a stream that
 * does not say otherwise (jcodec's own RGB path would write full-range values unlabelled, which players stretch,
 * crushing dark and bright tones).
 *
 * <p>Odd sizes: H.264 4:2:0 cannot describe an odd width or height, so an odd side is padded by one pixel that
 * repeats the last column or row; the video is then {@link #videoSize(ImageSize)} of the frames (e.g. 255x255 frames
 * make a 256x256 video).
 *
 * <p>Small sizes: frames must be at least {@value #MIN_SIDE} pixels on each side (one H.264 macroblock); jcodec's
 * encoder sizes its output buffer by the frame area and overflows below that.
 *
 * <p>Only the frame being encoded is held in memory; the MP4 index is written by {@link #close()}, so the file is
 * unplayable until then.
 */
public final class Mp4Writer implements VideoWriter {

    /** The highest frame rate accepted. */
    public static final int MAX_FPS = 240;

    /** The shortest side accepted, in pixels. */
    public static final int MIN_SIDE = 16;

    private final Path file;
    private final int fps;
    private final FileChannelWrapper channel;
    private final SinkImpl sink;
    private final Transform toYuv = ColorUtil.getTransform(ColorSpace.RGB, ColorSpace.YUV420);
    private ImageSize frameSize;
    private Picture rgb;
    private Picture yuv;
    private int frames;
    private boolean closed;

    /**
     * Starts an MP4 at {@code file} (created or replaced) playing {@code fps} frames per second (1..{@value #MAX_FPS}).
     */
    public Mp4Writer(Path file, int fps) throws IOException {
        if (fps < 1 || fps > MAX_FPS) {
            throw new IllegalArgumentException("MP4 frame rate must be 1.." + MAX_FPS + " frames per second, got " + fps);
        }
        this.file = file;
        this.fps = fps;
        this.channel = NIOUtils.writableChannel(file.toFile());
        try {
            this.sink = SinkImpl.createWithStream(channel, Format.MOV, Codec.H264, null);
            sink.init();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The size of the video made from frames of {@code frameSize}: odd sides grow by one pixel. */
    public static ImageSize videoSize(ImageSize frameSize) {
        return new ImageSize(even(frameSize.width()), even(frameSize.height()));
    }

    @Override
    public void append(RgbImage frame) throws IOException {
        if (closed) {
            throw new IllegalStateException("MP4 " + file + " is already finished");
        }
        if (frameSize == null) {
            if (frame.width() < MIN_SIDE || frame.height() < MIN_SIDE) {
                throw new IllegalArgumentException("MP4 frames must be at least " + MIN_SIDE + "x" + MIN_SIDE
                        + " pixels (one H.264 macroblock), frame 0 of " + file + " is " + frame.size());
            }
            frameSize = frame.size();
            ImageSize video = videoSize(frameSize);
            rgb = Picture.create(video.width(), video.height(), ColorSpace.RGB);
            yuv = Picture.create(video.width(), video.height(), ColorSpace.YUV420);
        } else if (!frameSize.equals(frame.size())) {
            throw new IllegalArgumentException("every frame of a video must have the size of the first (" + frameSize
                    + "), frame " + frames + " of " + file + " is " + frame.size());
        }
        fillPadded(frame, rgb.getPlaneData(0), rgb.getWidth(), rgb.getHeight());
        toYuv.transform(rgb, yuv);
        // The encoder accepts pictures labelled YUV420J only; the samples are limited range all the same.
        Picture encoded = Picture.createPicture(yuv.getWidth(), yuv.getHeight(), yuv.getData(), ColorSpace.YUV420J);
        Packet timing = Packet.createPacket(null, frames, fps, 1, frames, Packet.FrameType.KEY, null);
        sink.outputVideoFrame(new VideoFrameWithPacket(timing, new LoanerPicture(encoded, 0)));
        frames++;
    }

    @Override
    public int frameCount() {
        return frames;
    }

    /** Writes the MP4 index and closes the file. A video needs at least one frame. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            if (frames == 0) {
                throw new IllegalStateException("MP4 " + file + " has no frames: a video needs at least one");
            }
            sink.finish();
        }
    }

    /** Copies {@code frame} into jcodec's signed RGB samples (value - 128), repeating the last column and row. */
    private static void fillPadded(RgbImage frame, byte[] out, int outWidth, int outHeight) {
        byte[] in = frame.pixels();
        int w = frame.width();
        int h = frame.height();
        for (int y = 0; y < outHeight; y++) {
            int rowIn = Math.min(y, h - 1) * w;
            int o = y * outWidth * 3;
            for (int x = 0; x < outWidth; x++) {
                int i = (rowIn + Math.min(x, w - 1)) * 3;
                out[o++] = (byte) ((in[i] & 0xFF) - 128);
                out[o++] = (byte) ((in[i + 1] & 0xFF) - 128);
                out[o++] = (byte) ((in[i + 2] & 0xFF) - 128);
            }
        }
    }

    private static int even(int side) {
        return side + (side & 1);
    }
}
