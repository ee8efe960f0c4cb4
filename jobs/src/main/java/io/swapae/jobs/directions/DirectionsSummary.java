package io.swapae.jobs.directions;

import java.util.List;

/**
 * What a directions run did: the catalogue, how its fit ran (tasks, seconds of the one-pass covariance and of the
 * eigen-decomposition, the BLAS used) and the preview strips written.
 */
public record DirectionsSummary(DirectionCatalogue catalogue, int partitions, double fitSeconds, double eigenSeconds,
                                double seconds, String blas, String eigen, List<String> previews) {

    public DirectionsSummary {
        previews = List.copyOf(previews);
    }
}
