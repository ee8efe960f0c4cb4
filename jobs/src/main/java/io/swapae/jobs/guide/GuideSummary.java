package io.swapae.jobs.guide;

import java.util.List;

/**
 * What a guide run did.
 *
 * @param pairs    (code, prompt) pairs of the run
 * @param guided   pairs guided by this run
 * @param skipped  pairs already in {@code OUT/guided}
 * @param run      the run of {@code OUT/guided} this run committed ({@code null}: nothing new)
 * @param pictures pictures written to {@code OUT/generated} by this run (final pictures and strip frames)
 * @param strips   the strip pictures written, as URIs
 * @param gallery  the first page of this run's gallery, relative to the output root ({@code null}: nothing new)
 * @param seconds  wall time of the run
 */
public record GuideSummary(int pairs, int guided, int skipped, String run, int pictures, List<String> strips,
                           String gallery, double seconds) {
}
