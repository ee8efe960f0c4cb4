package io.swapae.jobs.directions;

import smile.math.blas.EVDJob;
import smile.math.blas.EigenRange;
import smile.math.blas.LAPACK;
import smile.math.blas.Layout;
import smile.math.blas.UPLO;
import smile.math.matrix.Matrix;

/**
 * The leading eigenvalues and eigenvectors of a symmetric matrix, computed on the driver by Smile (LAPACK
 * {@code dsyevr} on the native library of {@link NativeBlas}). Smile is GPL-3.0: this is the only class that uses
 * it, so that another LAPACK binding can replace it here alone.
 */
final class SymmetricEigen {

    /** Eigenvalues in decreasing order and their unit eigenvectors. */
    record Pairs(double[] values, double[][] vectors) {
    }

    private SymmetricEigen() {
    }

    /**
     * The {@code k} largest eigenvalues of the symmetric {@code n × n} matrix {@code matrix} (column-major, lower
     * triangle read; it is overwritten) with their eigenvectors, each signed so that its largest component (by
     * magnitude) is positive. Only the {@code k} pairs asked for are computed (LAPACK {@code dsyevr} by index).
     */
    static Pairs largest(double[] matrix, int n, int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("eigenpairs wanted must be 1.." + n + ", got " + k);
        }
        int[] found = new int[1];
        double[] ascending = new double[n];
        double[] z = new double[Math.multiplyExact(n, k)];
        int info = LAPACK.engine.syevr(Layout.COL_MAJOR, EVDJob.VECTORS, EigenRange.INDEX, UPLO.LOWER, n, matrix, n,
                0, 0, n - k + 1, n, 0, found, ascending, z, n, new int[2 * k]);
        if (info != 0 || found[0] != k) {
            throw new ArithmeticException("LAPACK dsyevr failed (info " + info + ", " + found[0] + " of " + k
                    + " eigenpairs found)");
        }
        double[] values = new double[k];
        double[][] vectors = new double[k][n];
        for (int c = 0; c < k; c++) {
            int column = k - 1 - c;
            values[c] = ascending[column];
            int largest = 0;
            for (int i = 0; i < n; i++) {
                vectors[c][i] = z[column * n + i];
                if (Math.abs(vectors[c][i]) > Math.abs(vectors[c][largest])) {
                    largest = i;
                }
            }
            if (vectors[c][largest] < 0) {
                for (int i = 0; i < n; i++) {
                    vectors[c][i] = -vectors[c][i];
                }
            }
        }
        return new Pairs(values, vectors);
    }

    /** What computes the eigen-decomposition, for run reports. */
    static String backend() {
        String version = Matrix.class.getPackage().getImplementationVersion();
        return "Smile" + (version == null ? "" : " " + version) + " LAPACK dsyevr on "
                + LAPACK.engine.getClass().getSimpleName();
    }
}
