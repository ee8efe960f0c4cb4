package io.swapae.jobs.sequences;

import io.swapae.image.RgbImage;
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.video.VideoFormat;
import io.swapae.video.VideoWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: one sequence's video. Reads its PNG frames in order through the Hadoop file system, one at a time,
 * appends them to an MP4 or GIF in a local temporary file, copies the finished file to {@code OUT/videos/} and, unless
 * the frames are kept, removes the frames folder.
 */
final class VideoAssembler implements Function<VideoAssembler.Sequence, VideoAssembler.Video> {

    private static final long serialVersionUID = 1L;

    /** A sequence whose frames are written: its id and frame count. */
    record Sequence(String id, int frames) implements Serializable {
    }

    /** A finished video: its sequence, URI, frame count and frame size. */
    record Video(String id, String uri, int frames, int width, int height) implements Serializable {
    }

    private final String output;
    private final VideoFormat format;
    private final int fps;
    private final boolean keepFrames;
    private final SerializableConfiguration conf;

    VideoAssembler(String output, VideoFormat format, int fps, boolean keepFrames, SerializableConfiguration conf) {
        if (format == VideoFormat.FRAMES) {
            throw new IllegalArgumentException("frames are not assembled into a video: the frames folder is the"
                    + " output");
        }
        this.output = output;
        this.format = format;
        this.fps = fps;
        this.keepFrames = keepFrames;
        this.conf = conf;
    }

    @Override
    public Video call(Sequence sequence) throws IOException {
        Configuration hadoop = conf.value();
        java.nio.file.Path local = Files.createTempFile("swapae-" + sequence.id() + "-", "." + format.extension());
        int width = 0;
        int height = 0;
        try {
            try (VideoWriter writer = format.writer(local, fps)) {
                for (int i = 0; i < sequence.frames(); i++) {
                    String uri = SequenceLayout.frame(output, sequence.id(), i);
                    RgbImage frame = ImageFiles.decode(ImageFiles.read(uri, hadoop), uri);
                    writer.append(frame);
                    width = frame.width();
                    height = frame.height();
                }
            }
            Path target = new Path(SequenceLayout.video(output, sequence.id(), format));
            FileSystem fs = target.getFileSystem(hadoop);
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
            if (!keepFrames) {
                Path frames = new Path(SequenceLayout.frames(output, sequence.id()));
                frames.getFileSystem(hadoop).delete(frames, true);
            }
            return new Video(sequence.id(), target.toString(), sequence.frames(), width, height);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
