package io.swapae.jobs.directions;

import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Vectors with planted principal directions: {@code mean + Σ_k √λ_k · z_k · v_k + noise}, where the {@code v_k} are
 * orthonormal and the scores {@code z_k} are centred, uncorrelated and of variance exactly 1 over the sample, so the
 * sample covariance has eigenpairs {@code (λ_k, v_k)} up to the small noise. Written as codes tables.
 */
final class PlantedCodes {

    static final double NOISE = 0.01;

    final double[][] directions;
    final double[] variances;
    final float[][] vectors;

    private PlantedCodes(double[][] directions, double[] variances, float[][] vectors) {
        this.directions = directions;
        this.variances = variances;
        this.vectors = vectors;
    }

    /** {@code count} vectors of {@code n} values with directions of {@code variances} (decreasing). */
    static PlantedCodes of(int count, int n, double[] variances, long seed) {
        Random random = new Random(seed);
        int k = variances.length;
        double[][] directions = orthonormal(k, n, random, false);
        double[][] scores = orthonormal(k, count, random, true);
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = 3 + random.nextGaussian();
        }
        float[][] vectors = new float[count][n];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < n; i++) {
                double v = mean[i] + NOISE * random.nextGaussian();
                for (int c = 0; c < k; c++) {
                    v += Math.sqrt(variances[c] * (count - 1)) * scores[c][r] * directions[c][i];
                }
                vectors[r][i] = (float) v;
            }
        }
        return new PlantedCodes(directions, variances.clone(), vectors);
    }

    /** {@code k} orthonormal vectors of {@code n} values (centred first when {@code centred}), by Gram–Schmidt. */
    private static double[][] orthonormal(int k, int n, Random random, boolean centred) {
        double[][] out = new double[k][n];
        for (int c = 0; c < k; c++) {
            double[] v = out[c];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            if (centred) {
                double m = 0;
                for (double x : v) {
                    m += x / n;
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= m;
                }
            }
            for (int p = 0; p < c; p++) {
                double dot = dot(v, out[p]);
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * out[p][i];
                }
            }
            double norm = Math.sqrt(dot(v, v));
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Codes rows whose {@code space} vectors are these vectors ({@code structure-local}: {@code h·w} per code). */
    List<Row> rows(CodeSpace space, String model, int h, int w) {
        List<Row> rows = new ArrayList<>();
        int n = vectors[0].length;
        int perCode = space == CodeSpace.STRUCTURE_LOCAL ? h * w : 1;
        for (int code = 0; code < vectors.length / perCode; code++) {
            float[] structure;
            int[] shape;
            float[] texture;
            switch (space) {
                case TEXTURE -> {
                    texture = vectors[code];
                    structure = new float[] {code, 1};
                    shape = new int[] {2, 1, 1};
                }
                case STRUCTURE -> {
                    structure = vectors[code];
                    shape = new int[] {n / (h * w), h, w};
                    texture = new float[] {code, 1};
                }
                default -> {
                    int plane = h * w;
                    structure = new float[n * plane];
                    for (int p = 0; p < plane; p++) {
                        for (int c = 0; c < n; c++) {
                            structure[c * plane + p] = vectors[code * plane + p][c];
                        }
                    }
                    shape = new int[] {n, h, w};
                    texture = new float[] {code, 1};
                }
            }
            rows.add(code(model + "-" + space.label() + "-" + code, model, structure, shape, texture));
        }
        return rows;
    }

    /** A codes row. */
    static Row code(String id, String model, float[] structure, int[] shape, float[] texture) {
        return RowFactory.create(id, "file:/images/" + id + ".png", 256, 256, model, "resize/128/128", structure,
                shape, texture);
    }

    /** Writes {@code rows} as committed run {@code runId} of the codes table {@code table}, in four files. */
    static void write(SparkSession spark, Path table, String runId, List<Row> rows) {
        TableCommits.commitRun(spark.createDataFrame(rows, Tables.CODES).repartition(4), table.toUri().toString(),
                runId);
    }
}
