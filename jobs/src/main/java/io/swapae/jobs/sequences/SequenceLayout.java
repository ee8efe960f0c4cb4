package io.swapae.jobs.sequences;

import io.swapae.video.FrameFolderWriter;
import io.swapae.video.VideoFormat;
import org.apache.hadoop.fs.Path;

/**
 * Where a sequence's files go under the output root: its PNG frames in {@code OUT/sequences/<id>/} (named as
 * {@link FrameFolderWriter} names them, so the folder reads back as a video), scratch pictures in
 * {@code OUT/sequences/<id>/parts/}, and its video at {@code OUT/videos/<id>.mp4|gif}; the frames of a clip given
 * as a video in {@code OUT/input-frames/} and the encode job's output root for them in {@code OUT/encoded/} (its codes
 * table and its own {@code _run.json}, apart from the sequences run's).
 */
final class SequenceLayout {

    private SequenceLayout() {
    }

    /** The folder of a sequence's frames. */
    static String frames(String output, String sequence) {
        return new Path(new Path(output, "sequences"), sequence).toString();
    }

    /** The PNG of frame {@code index}. */
    static String frame(String output, String sequence, int index) {
        return new Path(frames(output, sequence), FrameFolderWriter.fileName(index)).toString();
    }

    /** The folder of the pictures a sequence's frames are cut from (removed once the frames are written). */
    static String parts(String output, String sequence) {
        return new Path(frames(output, sequence), "parts").toString();
    }

    /** The folder the frames of a clip given as a video are written to before they are encoded. */
    static String inputFrames(String output) {
        return new Path(output, "input-frames").toString();
    }

    /** The encode job's output root for the frames of a clip given as a video. */
    static String encoded(String output) {
        return new Path(output, "encoded").toString();
    }

    /** The codes table of the frames of a clip given as a video. */
    static String encodedCodes(String output) {
        return new Path(encoded(output), "codes").toString();
    }

    /** The video of a sequence in {@code format} ({@code null} for frames: the frames folder is the output). */
    static String video(String output, String sequence, VideoFormat format) {
        return format == VideoFormat.FRAMES ? null
                : new Path(new Path(output, "videos"), sequence + "." + format.extension()).toString();
    }
}
