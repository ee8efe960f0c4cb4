package io.swapae.guidance;

import ai.djl.Device;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import io.swapae.clip.ClipConfig;
import io.swapae.clip.ClipModel;
import io.swapae.clip.ClipWeights;
import io.swapae.latent.CodeNormalization;
import io.swapae.model.Architecture;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.testing.ParityFixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What guidance tests run on: the tiny random CLIP of the test resources, a small random Swapping Autoencoder (noise
 * switched on) and unit codes of a 64×64 picture drawn from a seed.
 */
final class GuidanceFixture {

    static final Architecture SMALL = new Architecture(8, 64, 0.0625, 4, 2, 2.0, 0.0625, 2, true, true);
    static final int[] SHAPE = {8, 4, 4};

    private GuidanceFixture() {
    }

    static ClipModel clip() throws Exception {
        return ClipModel.create(ClipConfig.fromOpenClip(ParityFixtures.resource("clip/open_clip_config.json")),
                ClipWeights.read(ParityFixtures.resource("clip/open_clip_model.safetensors")), Device.cpu());
    }

    static SwappingAutoencoder network() throws Exception {
        Map<String, TensorData> tensors = new LinkedHashMap<>(RandomWeights.of(SMALL, 5).asMap());
        tensors.replaceAll((key, t) -> key.endsWith("noise.weight")
                ? TensorData.ofFloats(key, t.shape(), new float[] {0.2f}) : t);
        return SwappingAutoencoder.create(SMALL, new StateDict(tensors));
    }

    static float[] structure(long seed) {
        return CodeNormalization.structure(gaussian(8 * 4 * 4, seed), SHAPE);
    }

    static float[] texture(long seed) {
        return CodeNormalization.texture(gaussian(64, seed));
    }

    /** A pair of the codes of {@code seed} with {@code prompt}. */
    static GuidancePair pair(long seed, float[] prompt, float[] negative) {
        return new GuidancePair(structure(seed), SHAPE, texture(seed + 100), prompt, negative, seed, seed);
    }

    static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
