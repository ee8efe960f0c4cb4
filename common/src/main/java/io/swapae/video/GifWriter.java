package io.swapae.video;

import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageSize;
import io.swapae.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes frames as an animated GIF that loops forever, with the JDK's ImageIO GIF writer: each frame gets its own
 * 256-colour palette (built by the writer) and a delay of {@link #delayCentiseconds()}, and the first frame carries
 * the NETSCAPE2.0 loop extension. GIF delays are whole hundredths of a second, so the frame rate is rounded to the
 * nearest one (30 fps plays at 100/3 ≈ 33 fps); above {@value #MAX_FPS} fps browsers slow the animation down, so
 * higher rates are refused. Each frame is written to the file as it is appended.
 */
public final class GifWriter implements VideoWriter {

    /** The highest frame rate accepted: a delay of 2 hundredths of a second. */
    public static final int MAX_FPS = 50;

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final Path file;
    private final int delayCentiseconds;
    private final ImageWriter writer;
    private final ImageOutputStream out;
    private ImageSize frameSize;
    private int frames;
    private boolean closed;

    /** Starts a GIF at {@code file} (created or replaced) playing {@code fps} frames per second (1..{@value #MAX_FPS}). */
    public GifWriter(Path file, int fps) throws IOException {
        if (fps < 1 || fps > MAX_FPS) {
            throw new IllegalArgumentException("GIF frame rate must be 1.." + MAX_FPS + " frames per second, got " + fps);
        }
        this.file = file;
        this.delayCentiseconds = Math.round(100f / fps);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO GIF writer");
        }
        this.writer = writers.next();
        Files.deleteIfExists(file);
        this.out = new FileImageOutputStream(file.toFile());
        try {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
        } catch (IOException | RuntimeException e) {
            out.close();
            writer.dispose();
            throw e;
        }
    }

    /** The delay between frames, in hundredths of a second. */
    public int delayCentiseconds() {
        return delayCentiseconds;
    }

    @Override
    public void append(RgbImage frame) throws IOException {
        if (closed) {
            throw new IllegalStateException("GIF " + file + " is already finished");
        }
        if (frameSize == null) {
            frameSize = frame.size();
        } else if (!frameSize.equals(frame.size())) {
            throw new IllegalArgumentException("every frame of a video must have the size of the first (" + frameSize
                    + "), frame " + frames + " of " + file + " is " + frame.size());
        }
        BufferedImage image = ImageEncoder.toBufferedImage(frame);
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        metadata.mergeTree(FORMAT, frameMetadata(frames == 0));
        writer.writeToSequence(new IIOImage(image, null, metadata), param);
        frames++;
    }

    @Override
    public int frameCount() {
        return frames;
    }

    /** Ends the GIF and closes the file. A video needs at least one frame. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            if (frames == 0) {
                throw new IllegalStateException("GIF " + file + " has no frames: a video needs at least one");
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private IIOMetadataNode frameMetadata(boolean first) {
        IIOMetadataNode root = new IIOMetadataNode(FORMAT);
        IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        root.appendChild(control);
        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0, i.e. forever
            IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
            extensions.appendChild(loop);
            root.appendChild(extensions);
        }
        return root;
    }
}
