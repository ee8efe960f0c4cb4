package io.swapae.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.model.Codes;
import io.swapae.model.FlopCount;
import io.swapae.model.Noise;
import io.swapae.model.SwappingAutoencoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures encode and generate throughput of a model at one input size and batch size: warm-up runs, then the
 * median of timed runs. Figures are images per second, plus the process's peak resident memory.
 */
public final class ModelBenchmark {

    /** One measurement. */
    public record Result(int batch, double encodeImagesPerSecond, double generateImagesPerSecond, double encodeGflops,
                         double generateGflops, long peakRssMb) {
    }

    private final SwappingAutoencoder model;
    private final int height;
    private final int width;
    private final int warmup;
    private final int runs;

    public ModelBenchmark(SwappingAutoencoder model, int height, int width, int warmup, int runs) {
        model.architecture().checkInputSize(height, width);
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and runs >= 1, got " + warmup + " and " + runs);
        }
        this.model = model;
        this.height = height;
        this.width = width;
        this.warmup = warmup;
        this.runs = runs;
    }

    /** Runs encode, then generate, at {@code batch}; the peak memory is this measurement's where Linux allows. */
    public Result run(int batch) {
        resetPeakRss();
        try (NDManager m = model.manager().newSubManager()) {
            float[] pixels = new float[batch * 3 * height * width];
            SplittableRandom r = new SplittableRandom(batch);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) (r.nextDouble() * 2 - 1);
            }
            NDArray images = m.create(pixels, new Shape(batch, 3, height, width));
            Codes codes = model.encode(images);
            long[] ids = new long[batch];
            for (int i = 0; i < batch; i++) {
                ids[i] = i;
            }
            double encode = median(() -> model.encode(images).close());
            double generate = median(() -> model.generate(codes.structure(), codes.texture(), Noise.seeded(1, ids)).close());
            FlopCount flops = FlopCount.of(model.architecture(), height, width);
            return new Result(batch, batch / encode, batch / generate, flops.encode() * batch / encode / 1e9,
                    flops.generate() * batch / generate / 1e9, peakRssMb());
        }
    }

    private double median(Runnable call) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            call.run();
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Peak resident set size of this process in MiB (VmHWM), or -1 where /proc is not available. */
    public static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Resets the kernel's peak-RSS mark of this process (Linux: "5" to /proc/self/clear_refs); no-op elsewhere. */
    static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not permitted: the figure is then the process's peak so far
        }
    }

    /** Names the process's allocator setting, which decides CPU speed (see README: Speed). */
    public static String allocator() {
        String preload = System.getenv("LD_PRELOAD");
        if (preload != null && !preload.isBlank()) {
            return "LD_PRELOAD=" + preload;
        }
        String tunables = System.getenv("GLIBC_TUNABLES");
        if (tunables != null && tunables.contains("mmap_max=0")) {
            return "glibc tuned (GLIBC_TUNABLES=" + tunables + ")";
        }
        return "glibc default (slow: set GLIBC_TUNABLES as deploy/bin/swapae does)";
    }
}
