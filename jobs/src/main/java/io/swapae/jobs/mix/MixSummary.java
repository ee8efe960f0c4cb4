package io.swapae.jobs.mix;

import java.util.List;

/**
 * What a mix run did.
 *
 * @param cells   cells of the grid
 * @param written cells decoded and committed by this run
 * @param skipped cells already committed by an earlier run, not decoded again
 * @param run     the run of the {@code generated} table this run committed ({@code null}: nothing new)
 * @param grids   the grid pictures written, relative to the output root
 * @param gallery the first page of this run's gallery, relative to the output root ({@code null}: nothing new)
 * @param seconds wall time of the run
 */
public record MixSummary(int cells, int written, int skipped, String run, List<String> grids, String gallery,
                         double seconds) {
}
