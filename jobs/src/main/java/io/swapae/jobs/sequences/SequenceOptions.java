package io.swapae.jobs.sequences;

import io.swapae.runtime.DeviceChoice;
import io.swapae.video.GifWriter;
import io.swapae.video.Mp4Writer;
import io.swapae.video.VideoFormat;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options every sequence effect shares, validated when built: every message names the option, the value found
 * and what is accepted.
 *
 * @param output     the output root: {@code OUT/sequences/<id>/}, {@code OUT/videos/}, {@code OUT/frames},
 *                   {@code OUT/_run.json}, {@code OUT/index.html}; with {@code --video} also
 *                   {@code OUT/input-frames/} and the encode run's {@code OUT/encoded/}
 * @param fps        frames per second of the videos
 * @param format     mp4, gif, or frames (the PNG frames are the output, no video file)
 * @param keepFrames keep the PNG frames under {@code OUT/sequences/<id>/} beside the video (always with frames)
 * @param model      the checkpoint that made the codes ({@code null}: the embedded default)
 * @param seed       seed of the generator's noise and of samples and drifts
 * @param batchSize  pictures per model call
 * @param device     {@code auto}, {@code cpu} or {@code gpu}
 */
public record SequenceOptions(String output, int fps, VideoFormat format, boolean keepFrames, String model, long seed,
                              int batchSize, String device) implements Serializable {

    public SequenceOptions {
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output: the output root is required");
        }
        if (format == null) {
            throw new IllegalArgumentException("--format is required: mp4, gif or frames");
        }
        int maxFps = format == VideoFormat.GIF ? GifWriter.MAX_FPS : Mp4Writer.MAX_FPS;
        if (fps < 1 || fps > maxFps) {
            throw new IllegalArgumentException("--fps must be in 1.." + maxFps + " for --format "
                    + format.name().toLowerCase(Locale.ROOT) + ", got " + fps);
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("--batch-size must be in 1..1024, got " + batchSize);
        }
        if (model != null && model.isBlank()) {
            throw new IllegalArgumentException("--model: a released model's name, a checkpoint path or URI is"
                    + " required after --model, got nothing");
        }
        try {
            DeviceChoice.parse(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
    }

    /** Options with the defaults (mp4 at 12 fps, frames not kept, the embedded model, seed 0, batches of 8). */
    public static SequenceOptions of(String output) {
        return new SequenceOptions(output, 12, VideoFormat.MP4, false, null, 0, 8, "auto");
    }

    /** These options with another model. */
    public SequenceOptions withModel(String checkpoint) {
        return new SequenceOptions(output, fps, format, keepFrames, checkpoint, seed, batchSize, device);
    }

    /** These options with another video format, frames kept or not. */
    public SequenceOptions withFormat(VideoFormat videoFormat, boolean keep) {
        return new SequenceOptions(output, fps, videoFormat, keep, model, seed, batchSize, device);
    }

    /** Whether the PNG frames stay under {@code OUT/sequences/<id>/} after the video is made. */
    public boolean framesKept() {
        return keepFrames || format == VideoFormat.FRAMES;
    }

    /** The options as recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output", output);
        m.put("fps", fps);
        m.put("format", format.name().toLowerCase(Locale.ROOT));
        m.put("keep_frames", framesKept());
        m.put("model", model);
        m.put("seed", seed);
        m.put("batch_size", batchSize);
        m.put("device", device);
        return m;
    }
}
