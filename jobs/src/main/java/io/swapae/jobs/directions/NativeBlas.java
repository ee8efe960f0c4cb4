package io.swapae.jobs.directions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The native BLAS that the covariance fit runs on: OpenBLAS from {@code org.bytedeco:openblas}, whose natives ship in
 * the jar (nothing to install), the same library the driver's eigen-decomposition uses. JavaCPP can point it at
 * another library with {@code -Dorg.bytedeco.openblas.load=mkl_rt} (or any BLAS on {@code java.library.path}).
 */
final class NativeBlas {

    private NativeBlas() {
    }

    /**
     * Loads the library (once per JVM) and sets its thread count, which is per process: tasks set their share of
     * the executor's cores, the driver all cores for the eigen-decomposition (in local mode, after the tasks).
     */
    static void useThreads(int threads) {
        Loader.load(openblas.class);
        if (openblas.blas_get_num_threads() != threads) {
            openblas.blas_set_num_threads(threads);
        }
    }

    /** The shared library the bindings call ({@code libopenblas.so.0} beside JavaCPP's JNI library), if found. */
    static Path library() {
        Path jni = Path.of(Loader.load(openblas.class));
        Path library = jni.resolveSibling("libopenblas.so.0");
        return Files.exists(library) ? library : null;
    }

    /** {@code C += A·Aᵀ} on the upper triangle of {@code C} ({@code n × n}), {@code A} ({@code n × k}) column-major. */
    static void addOuterProducts(int n, int k, DoublePointer a, DoublePointer c) {
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasUpper, openblas.CblasNoTrans, n, k, 1.0, a, n, 1.0,
                c, n);
    }

    /**
     * Which BLAS this JVM runs, e.g. {@code OpenBLAS 0.3.26 (org.bytedeco:openblas, bundled natives)}, or Intel MKL
     * when JavaCPP found and loaded {@code mkl_rt} (it tries it first, as Smile asks it to).
     */
    static String describe() {
        Loader.load(openblas.class);
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("libmkl_rt")) {
                    return "Intel MKL (" + line.substring(line.lastIndexOf(' ') + 1)
                            + ") through org.bytedeco:openblas";
                }
            }
        } catch (IOException e) {
            return "OpenBLAS or MKL through org.bytedeco:openblas (" + e.getMessage() + ")";
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
