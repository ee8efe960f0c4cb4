package io.swapae.jobs.directions;

import dev.ludovic.netlib.blas.BLAS;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The directions fit at scale on this machine: generated texture codes (planted directions plus noise) written as a
 * codes table, then the directions job over them (read, one-pass covariance, eigen-decomposition, catalogue; no
 * previews), optionally against MLlib's {@code RowMatrix.computeCovariance} over the same table on the same BLAS.
 */
public final class DirectionsBenchmark {

    private static final int PLANTED = 16;
    private static final long SEED = 2020;
    private static final String NETLIB_LIBRARY = "dev.ludovic.netlib.blas.nativeLibPath";

    /** The figures of one run; the MLlib ones are {@code NaN} (and {@code null}) when it was not measured. */
    public record Result(long rows, int dimension, int partitions, double generateSeconds, double jobSeconds,
                         double covarianceSeconds, double eigenSeconds, String blas, String eigen,
                         double mllibSeconds, double mllibEigenvalueDifference, String mllibBlas) {

        /** Floating-point operations per second of the covariance's rank-k updates ({@code rows·n²}). */
        public double covarianceGflops() {
            return (double) rows * dimension * dimension / covarianceSeconds / 1e9;
        }
    }

    private final SparkSession spark;

    public DirectionsBenchmark(SparkSession spark) {
        this.spark = spark;
    }

    /** Generates {@code rows} texture codes of {@code dimension} values under {@code work}, then measures. */
    public Result run(Path work, long rows, int dimension, int components, int partitions, boolean mllib)
            throws Exception {
        String codes = work.resolve("codes").toUri().toString();
        long start = System.nanoTime();
        int slices = Math.max(1, spark.sparkContext().defaultParallelism());
        TableCommits.commitRun(spark.range(0, rows, 1, slices)
                .mapPartitions(new Generator(dimension), Encoders.row(Tables.CODES)), codes, "bench");
        double generateSeconds = (System.nanoTime() - start) / 1e9;

        DirectionsOptions options = DirectionsOptions.of(codes, work.resolve("catalogue").toUri().toString(),
                CodeSpace.TEXTURE).withComponents(components, 0).withPartitions(partitions);
        DirectionsSummary job = new DirectionsJob(spark, options).run();
        if (!mllib) {
            return new Result(rows, dimension, job.partitions(), generateSeconds, job.seconds(), job.fitSeconds(),
                    job.eigenSeconds(), job.blas(), job.eigen(), Double.NaN, Double.NaN, null);
        }

        Path library = NativeBlas.library();
        if (library != null && System.getProperty(NETLIB_LIBRARY) == null) {
            System.setProperty(NETLIB_LIBRARY, library.toString());
        }
        String mllibBlas = BLAS.getInstance().getClass().getSimpleName() + " on "
                + System.getProperty(NETLIB_LIBRARY, "the system's libblas.so.3");
        long t = System.nanoTime();
        JavaRDD<Vector> vectors = TableCommits.readCommitted(spark, codes, Tables.CODES).select("texture")
                .queryExecution().toRdd().toJavaRDD()
                .map(r -> Vectors.dense(toDoubles(r.getArray(0).toFloatArray())));
        Matrix covariance = new RowMatrix(vectors.rdd()).computeCovariance();
        double mllibSeconds = (System.nanoTime() - t) / 1e9;
        double[] values = SymmetricEigen.largest(covariance.toArray(), dimension, components).values();
        double difference = 0;
        for (int k = 0; k < components; k++) {
            double ours = job.catalogue().directions().get(k).eigenvalue();
            difference = Math.max(difference, Math.abs(values[k] - ours) / ours);
        }
        return new Result(rows, dimension, job.partitions(), generateSeconds, job.seconds(), job.fitSeconds(),
                job.eigenSeconds(), job.blas(), job.eigen(), mllibSeconds, difference, mllibBlas);
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Codes rows for ids: a texture code of {@link #PLANTED} planted directions plus noise, a 1-value structure. */
    private static final class Generator implements MapPartitionsFunction<Long, Row> {

        private static final long serialVersionUID = 1L;

        private final int dimension;

        Generator(int dimension) {
            this.dimension = dimension;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> ids) {
            SplittableRandom shared = new SplittableRandom(SEED);
            double[] mean = new double[dimension];
            double[][] directions = new double[PLANTED][dimension];
            for (int i = 0; i < dimension; i++) {
                mean[i] = 0.02 * shared.nextGaussian();
            }
            for (double[] direction : directions) {
                for (int i = 0; i < dimension; i++) {
                    direction[i] = shared.nextGaussian() / Math.sqrt(dimension);
                }
            }
            float[] structure = {0};
            int[] shape = {1, 1, 1};
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return ids.hasNext();
                }

                @Override
                public Row next() {
                    long id = ids.next();
                    SplittableRandom random = new SplittableRandom(SEED ^ (id * 0x9E3779B97F4A7C15L));
                    double[] v = mean.clone();
                    for (int k = 0; k < PLANTED; k++) {
                        double score = 0.1 * Math.pow(0.8, k) * random.nextGaussian();
                        for (int i = 0; i < dimension; i++) {
                            v[i] += score * directions[k][i];
                        }
                    }
                    float[] texture = new float[dimension];
                    for (int i = 0; i < dimension; i++) {
                        texture[i] = (float) (v[i] + 0.002 * random.nextGaussian());
                    }
                    String name = String.format(Locale.ROOT, "bench%09d", id);
                    return RowFactory.create(name, "generated:" + name, 256, 256, "sha256:bench", "resize/256/256",
                            structure, shape, texture);
                }
            };
        }
    }
}
