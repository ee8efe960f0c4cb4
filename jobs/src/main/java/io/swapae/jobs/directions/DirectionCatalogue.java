package io.swapae.jobs.directions;

import java.util.List;
import org.apache.spark.sql.SparkSession;

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

    /**
     * The catalogue written to {@code folder} by {@code swapae directions}, on any Hadoop file system.
     *
     * @throws IllegalArgumentException when the folder holds no catalogue
     */
    public static DirectionCatalogue read(SparkSession spark, String folder) {
        return new CatalogueFiles(spark, folder).read();
    }

    /** The direction of component {@code k}, refusing one the catalogue does not keep. */
    public Direction direction(int k) {
        if (k < 0 || k >= directions.size()) {
            throw new IllegalArgumentException("the catalogue " + id + " keeps components 0.." + (directions.size() - 1)
                    + ", not " + k);
        }
        return directions.get(k);
    }

    /** Values per vector. */
    public int dimension() {
        return mean.length;
    }
}
