package io.swapae.jobs.directions;

import smile.math.blas.LAPACK;
import smile.math.blas.UPLO;
import smile.math.matrix.Matrix;

/**
 * The leading eigenvalues and eigenvectors of a symmetric matrix, computed on the driver by Smile (LAPACK
 * {@code dsyevd} on the native library of {@link NativeBlas}). Smile is GPL-3.0: this is the only class that uses
 * it, so that another LAPACK binding can replace it here alone.
 */
final class SymmetricEigen {

    /** Eigenvalues in decreasing order and their unit eigenvectors. */
    record Pairs(double[] values, double[][] vectors) {
    }

    private SymmetricEigen() {
    }

    /**
     * The {@code k} largest eigenvalues of the symmetric {@code n × n} matrix {@code matrix} (column-major; it is
     * overwritten) with their eigenvectors, each signed so that its largest component (by magnitude) is positive.
     */
    static Pairs largest(double[] matrix, int n, int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("eigenpairs wanted must be 1.." + n + ", got " + k);
        }
        Matrix a = new Matrix(n, n, n, matrix);
        a.uplo(UPLO.LOWER);
        Matrix.EVD evd = a.eigen(false, true, true).sort();
        double[] values = new double[k];
        double[][] vectors = new double[k][n];
        for (int c = 0; c < k; c++) {
            values[c] = evd.wr[c];
            int largest = 0;
            for (int i = 0; i < n; i++) {
                vectors[c][i] = evd.Vr.get(i, c);
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
        return "Smile" + (version == null ? "" : " " + version) + " LAPACK dsyevd on "
                + LAPACK.engine.getClass().getSimpleName();
    }
}
