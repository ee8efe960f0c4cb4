package io.swapae.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generated images depend on the seed and the output id only: not on the batch they are generated in. */
class SeededNoiseTest {

    private static final Architecture SMALL = new Architecture(8, 64, 0.0625, 4, 2, 2.0, 0.0625, 2, true, true);
    private static SwappingAutoencoder model;

    @BeforeAll
    static void build() throws Exception {
        // official init leaves noise weights at 0; give them a value so the noise shows
        Map<String, TensorData> tensors = new LinkedHashMap<>(RandomWeights.of(SMALL, 5).asMap());
        tensors.replaceAll((key, t) -> key.endsWith("noise.weight")
                ? TensorData.ofFloats(key, t.shape(), new float[] {0.2f}) : t);
        model = SwappingAutoencoder.create(SMALL, new StateDict(tensors));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static NDArray codes(NDManager m, long... shape) {
        SplittableRandom r = new SplittableRandom(shape.length);
        int n = (int) new Shape(shape).size();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, new Shape(shape));
    }

    @Test
    void anOutputIsTheSameAloneAndInABatch() {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray structure = codes(m, 3, 8, 8, 8);
            NDArray texture = codes(m, 3, 64);
            NDArray batch = model.generate(structure, texture, Noise.seeded(42, 10, 11, 12));
            NDArray alone = model.generate(structure.get(new NDIndex("1:2")), texture.get(new NDIndex("1:2")),
                    Noise.seeded(42, 11));
            assertThat(maxDiff(batch.get(new NDIndex("1:2")), alone)).isLessThan(1e-5);
        }
    }

    @Test
    void differentSeedsOrIdsGiveDifferentNoise() {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray structure = codes(m, 1, 8, 8, 8);
            NDArray texture = codes(m, 1, 64);
            NDArray a = model.generate(structure, texture, Noise.seeded(1, 7));
            NDArray b = model.generate(structure, texture, Noise.seeded(1, 7));
            NDArray c = model.generate(structure, texture, Noise.seeded(2, 7));
            NDArray d = model.generate(structure, texture, Noise.seeded(1, 8));
            NDArray none = model.generate(structure, texture, Noise.none());
            assertThat(maxDiff(a, b)).isZero();
            assertThat(maxDiff(a, c)).isGreaterThan(1e-3);
            assertThat(maxDiff(a, d)).isGreaterThan(1e-3);
            assertThat(maxDiff(a, none)).isGreaterThan(1e-3);
        }
    }

    @Test
    void sharedNoiseIsTheSameForEveryOutput() {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray structure = codes(m, 1, 8, 8, 8).repeat(0, 2);
            NDArray texture = codes(m, 1, 64).repeat(0, 2);
            NDArray images = model.generate(structure, texture, Noise.shared(9));
            assertThat(maxDiff(images.get(new NDIndex("0:1")), images.get(new NDIndex("1:2")))).isLessThan(1e-6);
        }
    }

    @Test
    void gaussianValuesHaveUnitVariance() {
        float[] v = new float[100_000];
        Noise.gaussian(3, 4, 5, v, 0, v.length);
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            sum += x;
            sq += x * x;
        }
        assertThat(sum / v.length).isBetween(-0.02, 0.02);
        assertThat(sq / v.length).isBetween(0.98, 1.02);
    }

    static double maxDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        assertThat(x.length).isEqualTo(y.length);
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
