package io.swapae.jobs.sequences;

import java.util.List;
import java.util.Map;

/**
 * What a sequences run did.
 *
 * @param effect     the effect
 * @param sequences  sequences planned
 * @param skipped    planned sequences an earlier run already published, left as they were
 * @param frames     frames written by this run, over the sequences that completed
 * @param videos     the videos written by this run (empty with {@code --format frames})
 * @param errors     the error of each sequence that failed, by sequence id
 * @param partitions Spark partitions the frames were rendered in
 * @param run        the run of {@code OUT/frames} ({@code null}: nothing was rendered, nothing committed)
 * @param seconds    wall time
 */
public record SequencesSummary(String effect, int sequences, int skipped, long frames, List<String> videos,
                               Map<String, String> errors, int partitions, String run, double seconds) {

    public SequencesSummary {
        videos = List.copyOf(videos);
        errors = Map.copyOf(errors);
    }

    /** Sequences that completed, by this run or an earlier one. */
    public int completed() {
        return sequences - errors.size();
    }
}
