package io.swapae.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

import io.swapae.model.Architecture;

/**
 * Infers the architecture options from the shapes of the encoder and generator tensors: code channels from the
 * last layers, the number of downsamplings and head blocks from the layer names, antialiasing from the blur kernel
 * size, and capacities and steepness as the simplest values (smallest denominator, the default steepness first) that
 * reproduce every channel count. Any values that reproduce all channel counts give the same network.
 * {@code netG_use_noise} does not change any shape: it is assumed {@code true}, the official default.
 */
public final class ArchitectureInference {

    /** What cannot be inferred, for the provenance of an inferred architecture. */
    public static final String NOTE = "netG_use_noise cannot be inferred from tensor shapes; assumed true (the official default)";

    private static final int MAX_DENOMINATOR = 4096;
    private static final int MAX_STEEPNESS_DENOMINATOR = 100;
    private static final double MIN_STEEPNESS = 1.0;
    private static final double MAX_STEEPNESS = 4.0;

    private ArchitectureInference() {
    }

    /** The architecture whose layout has the shapes of {@code tensors}; refuses state dicts that lack the telling tensors. */
    public static Architecture infer(StateDict tensors) throws CheckpointException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.asMap().forEach((key, t) -> shapes.put(key, t.shape()));
        return infer(shapes);
    }

    /** The architecture whose layout has these shapes (key to shape), as {@link #infer(StateDict)}. */
    public static Architecture infer(Map<String, long[]> tensors) throws CheckpointException {
        int spatial = channels(tensors, "E.ToSpatialCode.1.Conv.bias");
        int global = channels(tensors, "E.ToGlobalCode.0.bias");
        int sp = count(tensors, i -> "E.DownToSpatialCode.ResBlockDownBy" + (1L << i) + ".conv1.Conv.weight");
        int gl = count(tensors, i -> "E.DownToGlobalCode.ConvLayerDownBy" + (1L << (sp + i)) + ".Conv.weight");
        int heads = count(tensors, i -> "G.HeadResnetBlock" + i + ".conv1.conv.weight");
        int ups = count(tensors, i -> "G.UpsamplingResBlock" + (1L << (4 + i)) + ".conv1.conv.weight");
        if (sp == 0) {
            throw new CheckpointException("cannot infer the architecture: no tensor E.DownToSpatialCode.ResBlockDownBy1.conv1.Conv.weight");
        }
        if (ups != sp) {
            throw new CheckpointException("cannot infer the architecture: the encoder downsamples " + sp
                    + " times but the generator has " + ups + " upsampling blocks");
        }
        boolean antialias = dim(tensors, "E.DownToSpatialCode.ResBlockDownBy1.conv2.Blur.kernel", 0) != 1;

        long[] encoder = new long[sp + gl + 1];
        encoder[0] = dim(tensors, "E.FromRGB.Conv.weight", 0);
        for (int i = 0; i < sp; i++) {
            encoder[i + 1] = dim(tensors, "E.DownToSpatialCode.ResBlockDownBy" + (1L << i) + ".conv2.Conv.weight", 0);
        }
        for (int i = 0; i < gl; i++) {
            encoder[sp + i + 1] = dim(tensors, "E.DownToGlobalCode.ConvLayerDownBy" + (1L << (sp + i)) + ".Conv.weight", 0);
        }
        long[] generator = new long[sp + 1];
        for (int j = 1; j <= sp; j++) {
            generator[j] = dim(tensors, "G.UpsamplingResBlock" + (1L << (3 + j)) + ".conv1.conv.weight", 1);
        }
        long[] head = new long[heads];
        for (int i = 0; i < heads; i++) {
            head[i] = dim(tensors, "G.HeadResnetBlock" + i + ".conv1.conv.weight", 1);
        }

        Architecture partial;
        try {
            partial = new Architecture(spatial, global, 1.0, sp, gl, 2.0, 1.0, heads, true, antialias);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("cannot infer the architecture: " + e.getMessage());
        }
        double[] e = encoderCapacity(partial, encoder);
                double g = simplest(generatorInterval(sp, generator), c -> {
            Architecture a = tryWith(partial, e[0], c, e[1]);
            if (a == null) {
                return false;
            }
            for (int j = 1; j <= sp; j++) {
                if (a.generatorChannels(j) != generator[j]) {
                    return false;
                }
            }
            for (int i = 0; i < heads; i++) {
                if (a.headChannels(i) != head[i]) {
                    return false;
                }
            }
            return true;
        });
        if (Double.isNaN(g)) {
            throw new CheckpointException("cannot infer netG_scale_capacity: no value gives generator channels "
                    + Arrays.toString(Arrays.copyOfRange(generator, 1, generator.length)) + " and head channels "
                    + Arrays.toString(head));
        }
        return with(partial, e[0], g, e[1]);
    }

    /** {@code {netE_scale_capacity, netE_nc_steepness}} reproducing the encoder channels, steepness 2 preferred. */
    private static double[] encoderCapacity(Architecture partial, long[] channels) throws CheckpointException {
        List<Double> steepnesses = new ArrayList<>();
        steepnesses.add(2.0);
        for (int d = 1; d <= MAX_STEEPNESS_DENOMINATOR; d++) {
            for (long k = (long) Math.ceil(MIN_STEEPNESS * d); k <= MAX_STEEPNESS * d; k++) {
                if (gcd(k, d) == 1 && k != 2L * d) {
                    steepnesses.add((double) k / d);
                }
            }
        }
        for (double s : steepnesses) {
            double[] interval = encoderInterval(s, partial.globalCodeCh(), channels);
            double c = simplest(interval, cap -> {
                Architecture a = tryWith(partial, cap, 1.0, s);
                if (a == null) {
                    return false;
                }
                for (int i = 0; i < channels.length; i++) {
                    if (a.encoderChannels(i) != channels[i]) {
                        return false;
                    }
                }
                return true;
            });
            if (!Double.isNaN(c)) {
                return new double[] {c, s};
            }
        }
        throw new CheckpointException("cannot infer netE_scale_capacity and netE_nc_steepness: no values give encoder channels "
                + Arrays.toString(channels));
    }

    /** Capacities {@code c} with {@code round(s^(5+i) * c) = channels[i]} (or {@code >= global} where clipped). */
    private static double[] encoderInterval(double s, int global, long[] channels) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (int i = 0; i < channels.length; i++) {
            double scale = Math.pow(s, 5 + i);
            lo = Math.max(lo, (channels[i] - 0.5) / scale);
            if (channels[i] < global) {
                hi = Math.min(hi, (channels[i] + 0.5) / scale);
            }
        }
        return new double[] {lo, hi};
    }

    /** Capacities {@code c} with {@code int(min(512, 128 * 2^(n-j)) * c) = channels[j]} for every upsampling block. */
    private static double[] generatorInterval(int sp, long[] channels) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (int j = 1; j <= sp; j++) {
            double base = Math.min(512.0, 128.0 * Math.pow(2, sp - j));
            lo = Math.max(lo, channels[j] / base);
            hi = Math.min(hi, (channels[j] + 1) / base);
        }
        return new double[] {lo, hi};
    }

    /** The value {@code k/d} in {@code [lo, hi]} with the smallest {@code d} that {@code ok} accepts; NaN if none. */
    private static double simplest(double[] interval, DoublePredicate ok) {
        double lo = interval[0];
        double hi = Double.isInfinite(interval[1]) ? Math.max(2 * lo, lo + 1) : interval[1];
        if (!(lo <= hi) || hi <= 0) {
            return Double.NaN;
        }
        double slack = 1e-9 * Math.max(1, hi);
        for (int d = 1; d <= MAX_DENOMINATOR; d++) {
            long first = Math.max(1, (long) Math.ceil((lo - slack) * d));
            long last = (long) Math.floor((hi + slack) * d);
            for (long k = first; k <= last && k - first < 4; k++) {
                double v = (double) k / d;
                if (ok.test(v)) {
                    return v;
                }
            }
        }
        return Double.NaN;
    }

    private static Architecture with(Architecture a, double eCapacity, double gCapacity, double steepness) {
        return new Architecture(a.spatialCodeCh(), a.globalCodeCh(), eCapacity, a.netENumDownsamplingSp(),
                a.netENumDownsamplingGl(), steepness, gCapacity, a.netGNumBaseResnetLayers(), a.netGUseNoise(),
                a.useAntialias());
    }

    private static Architecture tryWith(Architecture a, double eCapacity, double gCapacity, double steepness) {
        try {
            return with(a, eCapacity, gCapacity, steepness);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private interface KeyAt {
        String key(int i);
    }

    /** How many of the keys {@code key(0), key(1), ...} are present, stopping at the first absent one. */
    private static int count(Map<String, long[]> tensors, KeyAt key) {
        int n = 0;
        while (n < 64 && tensors.containsKey(key.key(n))) {
            n++;
        }
        return n;
    }

    private static long dim(Map<String, long[]> tensors, String key, int axis) throws CheckpointException {
        long[] shape = tensors.get(key);
        if (shape == null) {
            throw new CheckpointException("cannot infer the architecture: no tensor " + key);
        }
        if (shape.length <= axis) {
            throw new CheckpointException("cannot infer the architecture: " + key + " has shape "
                    + Arrays.toString(shape));
        }
        return shape[axis];
    }

    private static int channels(Map<String, long[]> tensors, String key) throws CheckpointException {
        long n = dim(tensors, key, 0);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new CheckpointException("cannot infer the architecture: " + key + " has " + n + " channels");
        }
        return (int) n;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
