package io.swapae.jobs.sequences;

import io.swapae.video.VideoFormat;
import picocli.CommandLine.Option;

/** The command-line options every {@code swapae sequences} effect shares (a picocli mixin). */
public final class VideoOutputOptions {

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "the output root (file://, s3a://, hdfs://)")
    String output;

    @Option(names = "--fps", defaultValue = "12", paramLabel = "F", description = "frames per second (default: ${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--format", defaultValue = "mp4", description = "mp4, gif or frames (PNG frames only)"
            + " (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--keep-frames", description = "keep the PNG frames in OUT/sequences/<id>/ beside the video")
    boolean keepFrames;

    @Option(names = "--model", paramLabel = "NAME|PATH|URI",
            description = "the model that made the codes: a released model's name, a checkpoint or its URI"
                    + " (default: the embedded model, if it made them)")
    String model;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the noise, samples and drifts (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch-size", defaultValue = "8", description = "pictures per model call (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
    String device;

    /** The validated options. */
    SequenceOptions options() {
        VideoFormat parsed;
        try {
            parsed = VideoFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format: " + e.getMessage(), e);
        }
        return new SequenceOptions(output, fps, parsed, keepFrames, model, seed, batchSize, device);
    }
}
