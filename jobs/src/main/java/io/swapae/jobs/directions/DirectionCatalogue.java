package io.swapae.jobs.directions;

import java.util.List;

/**
 * A fitted direction catalogue: the principal directions of one code space of one model's codes, largest variance
 * first, with the mean they are centred on.
 *
 * @param id            the catalogue id
 * @param space         the code space
 * @param vectorShape   the shape of one vector of the space ({@code [D]}, {@code [C, H, W]} or {@code [C]})
 * @param codes         codes fitted
 * @param vectors       vectors fitted (codes, or codes × locations for {@code structure-local})
 * @param model         fingerprint of the model that made the codes
 * @param mean          the mean vector
 * @param totalVariance the sum of the variances of every dimension (the trace of the covariance)
 * @param directions    the kept directions, component 0 first
 */
public record DirectionCatalogue(String id, CodeSpace space, int[] vectorShape, long codes, long vectors, String model,
                                 double[] mean, double totalVariance, List<Direction> directions) {

    /**
     * One principal direction.
     *
     * @param component              its rank, 0 for the largest variance
     * @param vector                 the unit direction (its largest component positive)
     * @param eigenvalue             the variance of the vectors along it
     * @param explainedVarianceRatio the eigenvalue over the total variance
     * @param sigma                  the standard deviation of the projections on it (the root of the eigenvalue)
     */
    public record Direction(int component, double[] vector, double eigenvalue, double explainedVarianceRatio,
                            double sigma) {
    }

    public DirectionCatalogue {
        directions = List.copyOf(directions);
    }

    /** Values per vector. */
    public int dimension() {
        return mean.length;
    }
}
