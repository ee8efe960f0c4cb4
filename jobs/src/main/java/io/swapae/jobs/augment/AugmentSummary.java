package io.swapae.jobs.augment;

/**
 * What an augment run did.
 *
 * @param codes    codes augmented (after {@code --filter})
 * @param variants variants asked for: codes × {@code --per-image}
 * @param written  pictures made and committed by this run
 * @param skipped  variants already committed by an earlier run, not made again
 * @param run      the run of the {@code generated} table this run committed ({@code null}: it was already committed)
 * @param gallery  the first page of this run's gallery, relative to the output root ({@code null}: nothing new)
 * @param seconds  wall time of the run
 */
public record AugmentSummary(long codes, long variants, long written, long skipped, String run, String gallery,
                             double seconds) {
}
