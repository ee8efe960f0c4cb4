package io.swapae.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.StateDict;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path (what the jobs run) equals the reference path (the official operations) on the default 256 px
 * architecture, whose full-width layers the small parity fixtures never reach.
 */
class FastPathMatchesReferenceTest {

    private static SwappingAutoencoder fast;
    private static SwappingAutoencoder reference;

    @BeforeAll
    static void build() throws Exception {
        StateDict weights = RandomWeights.of(Architecture.DEFAULT, 7);
        fast = SwappingAutoencoder.create(Architecture.DEFAULT, weights, Device.cpu(), ComputePath.FAST);
        reference = SwappingAutoencoder.create(Architecture.DEFAULT, weights, Device.cpu(), ComputePath.REFERENCE);
    }

    @AfterAll
    static void close() {
        fast.close();
        reference.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void encodeAndGenerateMatchTheReferenceWithin1e4Relative(int batch) {
        try (NDManager m = fast.manager().newSubManager()) {
            float[] pixels = new float[batch * 3 * 256 * 256];
            SplittableRandom r = new SplittableRandom(batch);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) (r.nextDouble() * 2 - 1);
            }
            NDArray images = m.create(pixels, new Shape(batch, 3, 256, 256));
            Codes a = fast.encode(images);
            Codes b = reference.encode(images);
            assertThat(a.structure().getShape()).isEqualTo(new Shape(batch, 8, 16, 16));
            assertThat(a.texture().getShape()).isEqualTo(new Shape(batch, 2048));
            assertThat(relativeDifference(a.structure(), b.structure())).isLessThan(1e-4);
            assertThat(relativeDifference(a.texture(), b.texture())).isLessThan(1e-4);

            long[] ids = new long[batch];
            for (int i = 0; i < batch; i++) {
                ids[i] = 100 + i;
            }
            NDArray x = fast.generate(a.structure(), a.texture(), Noise.seeded(3, ids));
            NDArray y = reference.generate(a.structure(), a.texture(), Noise.seeded(3, ids));
            assertThat(x.getShape()).isEqualTo(new Shape(batch, 3, 256, 256));
            assertThat(relativeDifference(x, y)).isLessThan(1e-4);
        }
    }

    /** max |a - b| / max |b|. */
    static double relativeDifference(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
            scale = Math.max(scale, Math.abs(y[i]));
        }
        return diff / scale;
    }
}
