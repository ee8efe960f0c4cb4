package io.swapae.jobs.directions;

import java.io.IOException;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The native BLAS that the covariance fit runs on: OpenBLAS from {@code org.bytedeco:openblas}, whose natives ship in
 * the jar (nothing to install), the same library the driver's eigen-decomposition uses. JavaCPP can point it at
 * another library with {@code -Dorg.bytedeco.openblas.load=mkl_rt} (or any BLAS on {@code java.library.path}).
 */
final class NativeBlas {

    private static final String LOAD_PROPERTY = "org.bytedeco.openblas.load";

    private NativeBlas() {
    }

    /** Loads the library (once per JVM) and sets its thread count, which is per process. */
    static void useThreads(int threads) {
        Loader.load(openblas.class);
        if (openblas.blas_get_num_threads() != threads) {
            openblas.blas_set_num_threads(threads);
        }
    }

    /** {@code C += A·Aᵀ} on the upper triangle of {@code C} ({@code n × n}), {@code A} being {@code n × k}; both column-major. */
    static void addOuterProducts(int n, int k, DoublePointer a, DoublePointer c) {
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans, n, k, 1.0, a, n, 1.0,
                c, n);
    }

    /** Which BLAS this JVM uses, e.g. {@code OpenBLAS 0.3.26 (org.bytedeco:openblas, bundled natives)}. */
    static String describe() {
        Loader.load(openblas.class);
        String chosen = System.getProperty(LOAD_PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            return "'" + chosen + "' through org.bytedeco:openblas (-D" + LOAD_PROPERTY + ")";
        }
        String version = version();
        if (version == null) {
            return "OpenBLAS (org.bytedeco:openblas, bundled natives)";
        }
        return "OpenBLAS " + version.split("-")[0] + " (org.bytedeco:openblas " + version + ", bundled natives)";
    }

    private static String version() {
        try {
            return Loader.getVersion("org.bytedeco", "openblas");
        } catch (IOException e) {
            return null;
        }
    }
}
