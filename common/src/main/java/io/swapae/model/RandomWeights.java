package io.swapae.model;

import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Weights for an {@link Architecture} drawn as the official constructors initialise them (weights N(0, 1), biases 0,
 * style-modulation biases 1, noise weights 0) from a seed, with the fixed FIR kernels the official code builds.
 * Untrained: for benchmarks, tests and the embedded demo model, never for results.
 */
public final class RandomWeights {

    private RandomWeights() {
    }

    /** The weights of {@code arch} for {@code seed}; the same on every machine. */
    public static StateDict of(Architecture arch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (ParameterLayout.Entry e : ParameterLayout.of(arch).entries()) {
            float[] v = new float[Math.toIntExact(e.size())];
            String key = e.key();
            if (e.buffer()) {
                v = kernel(key, (int) e.shape()[0]);
            } else if (key.endsWith("modulation.bias")) {
                Arrays.fill(v, 1f);
            } else if (key.endsWith(".weight") && !key.endsWith("noise.weight")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) gaussian(random);
                }
            }
            tensors.put(key, TensorData.ofFloats(key, e.shape(), v));
        }
        return new StateDict(tensors);
    }

    /** The fixed kernel buffer behind {@code key} (size {@code k}×{@code k}), as the official constructors make it. */
    static float[] kernel(String key, int k) {
        if (k == 1) {
            return new float[] {key.startsWith("G.") ? 4f : 1f};
        }
        if (key.startsWith("E.")) {
            return Ops.firKernel2d(new int[] {1, 2, 1}, 1f);
        }
        return Ops.firKernel2d(new int[] {1, 3, 3, 1}, 4f);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
