package io.swapae.jobs.guide;

import ai.djl.Device;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import io.swapae.clip.ClipConfig;
import io.swapae.clip.ClipModel;
import io.swapae.clip.ClipWeights;
import io.swapae.guidance.GuidanceLoop;
import io.swapae.guidance.GuidancePair;
import io.swapae.guidance.GuidanceSettings;
import io.swapae.guidance.GuidanceTarget;
import io.swapae.latent.CodeNormalization;
import io.swapae.model.Architecture;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The speed of guidance steps on this machine: the default-size Swapping Autoencoder (random weights) decoding
 * {@code side}² pictures and a ViT-B/32-sized CLIP (random weights, nothing downloaded), one pair per batch against
 * {@code batch} pairs per batch. Reports steps per second per pair; the figures say nothing about edit quality.
 */
public final class GuideBenchmark {

    /** Steps per second per pair alone and batched, and the batched speed-up. */
    public record Result(int side, int batch, int cutouts, double aloneStepsPerSecond, double batchedStepsPerSecond) {

        /** How much faster a pair advances in a batch than alone. */
        public double speedUp() {
            return batchedStepsPerSecond / aloneStepsPerSecond;
        }
    }

    private GuideBenchmark() {
    }

    /** Times {@code steps} steps (after one untimed step) at batch 1 and at {@code batch}. */
    public static Result run(int side, int batch, int steps, int cutouts, GuidanceTarget target)
            throws CheckpointException {
        if (side < 32 || side % 16 != 0 || batch < 1 || steps < 1 || cutouts < 1) {
            throw new IllegalArgumentException("--size must be a multiple of 16 of at least 32, --batch, --steps and"
                    + " --cutouts at least 1; got " + side + ", " + batch + ", " + steps + ", " + cutouts);
        }
        Architecture arch = Architecture.DEFAULT;
        ClipConfig config = ClipConfig.preset(ClipSource.DEFAULT_PRESET);
        try (SwappingAutoencoder network = SwappingAutoencoder.create(arch, RandomWeights.of(arch, 0));
             ClipModel clip = ClipModel.create(config, randomClip(config), Device.cpu())) {
            GuidanceSettings settings = new GuidanceSettings(target, steps, 0.03, 1.0, cutouts, 0.6, 0, 0, null);
            double alone = stepsPerSecond(network, clip, settings, pairs(arch, config, side, 1));
            double batched = stepsPerSecond(network, clip, settings, pairs(arch, config, side, batch));
            return new Result(side, batch, cutouts, alone, batched);
        }
    }

    private static double stepsPerSecond(SwappingAutoencoder network, ClipModel clip, GuidanceSettings settings,
                                         List<GuidancePair> pairs) {
        new GuidanceLoop(network, clip, settings.withSteps(1), 0).run(pairs);
        long start = System.nanoTime();
        new GuidanceLoop(network, clip, settings, 0).run(pairs);
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) settings.steps() * pairs.size() / seconds;
    }

    private static List<GuidancePair> pairs(Architecture arch, ClipConfig config, int side, int n) {
        SplittableRandom random = new SplittableRandom(1);
        int[] shape = {arch.spatialCodeCh(), side / arch.stride(), side / arch.stride()};
        List<GuidancePair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] structure = CodeNormalization.structure(gaussian(random, shape[0] * shape[1] * shape[2]), shape);
            float[] texture = CodeNormalization.texture(gaussian(random, arch.globalCodeCh()));
            float[] prompt = CodeNormalization.texture(gaussian(random, config.embedDim()));
            pairs.add(new GuidancePair(structure, shape, texture, prompt, null, i, i));
        }
        return pairs;
    }

    /** Weights of the CLIP layout: N(0, 0.02), layer-norm scales 1, biases 0, logit scale log(100). */
    static StateDict randomClip(ClipConfig config) {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : ClipWeights.layout(config).entrySet()) {
            String key = e.getKey();
            float[] v = new float[Math.toIntExact(TensorData.elementCount(e.getValue()))];
            if (key.equals("logit_scale")) {
                v[0] = (float) Math.log(100);
            } else if (key.contains("ln") && key.endsWith(".weight")) {
                Arrays.fill(v, 1f);
            } else if (!key.endsWith("bias")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.02 * random.nextGaussian());
                }
            }
            tensors.put(key, TensorData.ofFloats(key, e.getValue(), v));
        }
        return new StateDict(tensors);
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
