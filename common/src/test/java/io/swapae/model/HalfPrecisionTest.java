package io.swapae.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.checkpoint.StateDict;
import io.swapae.testing.Npy;
import io.swapae.testing.ParityFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The network computing in float16 against float32, on the default architecture and on the official fixture set A.
 *
 * <p>Tolerance: float16 rounds each value to 2^-11 ≈ 4.9e-4 relative. Each layer adds an error of that order and the
 * errors of independent layers add roughly in quadrature, so the ~20 layers between image and code (or code and
 * image) should stay near sqrt(20)·4.9e-4 ≈ 2e-3 relative L2; measured here 0.6e-3 to 1.2e-3. The bound, 1e-2 relative
 * L2, leaves a margin of 5 over that estimate, while a casting mistake (a lost scale, a normalization underflowing
 * in float16, a style computed from the wrong values) moves results by 1e-1 or more. The max-abs bound is set the
 * same way from each output's scale: 1e-2 of its largest magnitude (measured: at most 3e-3 of it).
 */
class HalfPrecisionTest {

    private static final double RELATIVE_L2 = 1e-2;
    private static final double MAX_ABS_OF_SCALE = 1e-2;

    private static StateDict defaultWeights;

    @BeforeAll
    static void drawWeights() {
        defaultWeights = RandomWeights.of(Architecture.DEFAULT, 7);
    }

    @Test
    void defaultArchitectureCodesAndImagesStayWithinHalfPrecisionOfFp32() throws Exception {
        try (SwappingAutoencoder full = SwappingAutoencoder.create(Architecture.DEFAULT, defaultWeights);
             SwappingAutoencoder half = SwappingAutoencoder.create(Architecture.DEFAULT, defaultWeights, Device.cpu(),
                     ComputePath.FAST, DataType.FLOAT16);
             NDManager m = full.manager().newSubManager()) {
            int batch = 2;
            float[] pixels = new float[batch * 3 * 128 * 128];
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) (r.nextDouble() * 2 - 1);
            }
            NDArray images = m.create(pixels, new Shape(batch, 3, 128, 128));
            Codes expected = full.encode(images);
            Codes actual = half.encode(images);
            assertClose("structure code", actual.structure(), expected.structure());
            assertClose("texture code", actual.texture(), expected.texture());

            Noise noise = Noise.seeded(3, 10, 11);
            NDArray image = half.generate(expected.structure(), expected.texture(), noise);
            assertClose("image", image, full.generate(expected.structure(), expected.texture(), noise));
        }
    }

    @Test
    void officialFixtureCodesAndImagesStayWithinHalfPrecisionOfTheOfficialOutputs() throws Exception {
        Path dir = ParityFixtures.resource("fixtures/sae-parity-a");
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(dir.resolve("manifest.json").toFile());
        JsonNode opt = json.readTree(dir.resolve("opt.json").toFile());
        try (SwappingAutoencoder half = SwappingAutoencoder.create(ParityFixtures.architecture(opt),
                ParityFixtures.weights(dir, manifest, opt), Device.cpu(), ComputePath.FAST, DataType.FLOAT16);
             NDManager m = half.manager().newSubManager()) {
            Codes codes = half.encode(array(m, Npy.read(dir.resolve("input.npy"))));
            assertClose("structure code", codes.structure(), array(m, Npy.read(dir.resolve("structure_code.npy"))));
            assertClose("texture code", codes.texture(), array(m, Npy.read(dir.resolve("texture_code.npy"))));

            NDArray structure = array(m, Npy.read(dir.resolve("structure_code.npy")));
            NDArray texture = array(m, Npy.read(dir.resolve("texture_code.npy")));
            NDArray official = array(m, Npy.read(dir.resolve("rec.npy")));
            Noise noise = fixtureNoise(dir, manifest);
            assertClose("reconstruction", half.generate(structure, texture, noise), official);

            NDIndex first = new NDIndex("0:1");
            assertClose("reconstruction, one image", half.generate(structure.get(first), texture.get(first),
                    noise.slice(0, 1, 4)), official.get(first));
        }
    }

    @Test
    void halfPrecisionWeightsAreFloat16AndTakeHalfTheMemory() throws Exception {
        try (SwappingAutoencoder full = SwappingAutoencoder.create(Architecture.DEFAULT, defaultWeights);
             SwappingAutoencoder half = SwappingAutoencoder.create(Architecture.DEFAULT, defaultWeights, Device.cpu(),
                     ComputePath.FAST, DataType.FLOAT16)) {
            assertThat(half.computeType()).isEqualTo(DataType.FLOAT16);
            assertThat(full.computeType()).isEqualTo(DataType.FLOAT32);
            List<NDArray> held = half.manager().getManagedArrays();
            assertThat(held).isNotEmpty().allSatisfy(a -> assertThat(a.getDataType()).isEqualTo(DataType.FLOAT16));
            assertThat(held.stream().mapToLong(a -> a.size() * 2).sum()).isEqualTo(half.weightBytes());
            assertThat(full.manager().getManagedArrays().stream().mapToLong(a -> a.size() * 4).sum())
                    .isEqualTo(full.weightBytes());
            assertThat(half.weightBytes() * 2).isEqualTo(full.weightBytes());
        }
    }

    @Test
    void bfloat16IsRefusedBeforeAnyTensorIsMade() {
        assertThatThrownBy(() -> SwappingAutoencoder.create(Architecture.DEFAULT, defaultWeights, Device.cpu(),
                ComputePath.FAST, DataType.BFLOAT16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float32 or float16").hasMessageContaining("bfloat16");
    }

    private static NDArray array(NDManager m, Npy.Array a) {
        return m.create(a.values(), new Shape(a.shape()));
    }

    /** The fixture's saved per-image noise maps, one per layer. */
    private static Noise fixtureNoise(Path dir, JsonNode manifest) throws Exception {
        List<float[]> values = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (JsonNode layer : manifest.get("noise").get("layers")) {
            Npy.Array a = Npy.read(dir.resolve(layer.get("file").asText()));
            values.add(a.values());
            shapes.add(a.shape());
        }
        return Noise.explicit(values, shapes);
    }

    /** {@code actual} is float32, of {@code expected}'s shape, and within the float16 bounds of it. */
    private static void assertClose(String what, NDArray actual, NDArray expected) {
        assertThat(actual.getDataType()).as(what).isEqualTo(DataType.FLOAT32);
        assertThat(actual.getShape()).as(what).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] b = expected.toFloatArray();
        double diff = 0;
        double norm = 0;
        double maxAbs = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            diff += d * d;
            norm += (double) b[i] * b[i];
            maxAbs = Math.max(maxAbs, Math.abs(d));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        double relative = Math.sqrt(diff / norm);
        System.out.printf(Locale.ROOT, "float16 %-26s relative L2 %.2e, max|diff| %.2e (largest |value| %.2e)%n",
                what, relative, maxAbs, scale);
        assertThat(relative).as(what + " relative L2").isLessThanOrEqualTo(RELATIVE_L2);
        assertThat(maxAbs).as(what + " max |diff|").isLessThanOrEqualTo(MAX_ABS_OF_SCALE * scale);
    }
}
