package io.swapae.jobs.directions;

import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.runtime.InferenceThreads;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Tuple2;

/**
 * The mean and covariance of a code space's vectors in one distributed pass, in float64. Each task adds up its
 * vectors about a shift vector (a vector of the data) in blocks with a native rank-k update
 * ({@link ScatterAccumulator}); the sums are added tile by tile across tasks ({@code reduceByKey}) and finished on the
 * driver: {@code mean = s + Σ(x − s)/N}, {@code cov = (Σ(x − s)(x − s)ᵀ − Σ(x − s)·Σ(x − s)ᵀ/N) / (N − 1)}. Shifting
 * by a data vector keeps the subtraction from cancelling digits as a plain {@code Σxxᵀ − N·μμᵀ} would.
 *
 * <p>Arrays are read from Spark's internal rows (a bulk copy, no boxing). Each task holds one {@code n × n}
 * float64 sum off the Java heap, so the number of tasks (partitions) is also the number of such sums in flight.
 */
final class CovarianceFit {

    /** What a fit gives: vectors and codes counted, mean, covariance ({@code n × n}, column-major, full). */
    record Moments(long vectors, long codes, double[] mean, double[] covariance) {

        int dimension() {
            return mean.length;
        }

        /** The total variance: the trace of the covariance. */
        double totalVariance() {
            int n = mean.length;
            double t = 0;
            for (int i = 0; i < n; i++) {
                t += covariance[i + i * n];
            }
            return t;
        }
    }

    private CovarianceFit() {
    }

    /**
     * Fits {@code codes}, whose columns are {@link CodeSpace#columns()} then {@code id}, about {@code shift}.
     *
     * @throws IllegalArgumentException when a code does not have the size of the shift vector, or fewer than two
     *     vectors were found
     */
    static Moments fit(Dataset<Row> codes, CodeSpace space, double[] shift) {
        int n = shift.length;
        int keys = 1 + ScatterAccumulator.tilesPerSide(n) * (ScatterAccumulator.tilesPerSide(n) + 1) / 2;
        JavaRDD<InternalRow> rows = codes.queryExecution().toRdd().toJavaRDD();
        Map<Integer, double[]> sums = rows.mapPartitionsToPair(new PartitionSums(space, shift))
                .reduceByKey(CovarianceFit::addInto, Math.min(keys, rows.getNumPartitions()))
                .collectAsMap();
        double[] first = sums.get(ScatterAccumulator.FIRST_MOMENT);
        long vectors = first == null ? 0 : (long) first[0];
        if (vectors < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 vectors, the " + space.label()
                    + " codes gave " + vectors);
        }
        long count = (long) first[1];
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = shift[i] + first[2 + i] / vectors;
        }
        double[] covariance = assemble(sums, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int at = i + j * n;
                covariance[at] = (covariance[at] - first[2 + i] * first[2 + j] / vectors) / (vectors - 1);
            }
        }
        return new Moments(vectors, count, mean, covariance);
    }

    /** The full symmetric second-moment sum from its upper-triangle tiles. */
    private static double[] assemble(Map<Integer, double[]> sums, int n) {
        int side = ScatterAccumulator.tileSide(n);
        int t = ScatterAccumulator.tilesPerSide(n);
        double[] full = new double[Math.multiplyExact(n, n)];
        for (int bi = 0; bi < t; bi++) {
            for (int bj = bi; bj < t; bj++) {
                double[] tile = sums.get(ScatterAccumulator.tileKey(bi, bj, n));
                for (int c = 0; c < side && bj * side + c < n; c++) {
                    int j = bj * side + c;
                    for (int r = 0; r < side && bi * side + r <= j; r++) {
                        int i = bi * side + r;
                        double v = tile[c * side + r];
                        full[i + j * n] = v;
                        full[j + i * n] = v;
                    }
                }
            }
        }
        return full;
    }

    private static double[] addInto(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** In a task: the sums of the partition's vectors, as keyed pieces. */
    private static final class PartitionSums implements PairFlatMapFunction<Iterator<InternalRow>, Integer, double[]> {

        private static final long serialVersionUID = 1L;

        private final CodeSpace space;
        private final double[] shift;

        PartitionSums(CodeSpace space, double[] shift) {
            this.space = space;
            this.shift = shift;
        }

        @Override
        public Iterator<Tuple2<Integer, double[]>> call(Iterator<InternalRow> rows) {
            NativeBlas.useThreads(InferenceThreads.forTask(SparkTasks.current()));
            int n = shift.length;
            int idColumn = space.columns().length;
            try (ScatterAccumulator sums = new ScatterAccumulator(shift)) {
                while (rows.hasNext()) {
                    InternalRow row = rows.next();
                    float[] values = row.getArray(0).toFloatArray();
                    sums.countCode();
                    if (space == CodeSpace.STRUCTURE_LOCAL) {
                        int[] shape = row.getArray(1).toIntArray();
                        int plane = values.length / Math.max(1, shape[0]);
                        if (shape[0] != n || (long) shape[0] * plane != values.length) {
                            throw new IllegalArgumentException(mismatch(row, idColumn, "structure code of shape "
                                    + Arrays.toString(shape), n + " channels"));
                        }
                        for (int p = 0; p < plane; p++) {
                            sums.add(values, p, plane);
                        }
                    } else {
                        if (values.length != n) {
                            throw new IllegalArgumentException(mismatch(row, idColumn, space.label() + " code of "
                                    + values.length + " values", n + " values"));
                        }
                        sums.add(values, 0, 1);
                    }
                }
                return sums.codes() == 0 ? List.<Tuple2<Integer, double[]>>of().iterator()
                        : sums.pieces().iterator();
            }
        }

        private static String mismatch(InternalRow row, int idColumn, String found, String expected) {
            return "code " + row.getUTF8String(idColumn) + " has a " + found + ", the codes fitted have " + expected
                    + ": fit codes of one model (and one shape for --space structure)";
        }
    }
}
