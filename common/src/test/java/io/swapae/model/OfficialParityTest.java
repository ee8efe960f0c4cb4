package io.swapae.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.checkpoint.StateDict;
import io.swapae.testing.Npy;
import io.swapae.testing.ParityFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity with the official code, driven by fixture folders in the format of {@code shared/fixtures/sae-parity-a}
 * (manifest.json + opt.json + the files it lists): every listed output is recomputed by swapae's fast path from the
 * checkpoint and the saved inputs and compared within the manifest's tolerance. A listed file that is missing, or
 * that this test does not know how to recompute, fails. Default: the in-repo sets (A, copied from the reference
 * fixtures; B and C, made by the same official code for other options: see fixtures/tools/make_more_sets.py);
 * other folders with {@code -Dswapae.parity.fixtures=DIR1,DIR2}.
 */
class OfficialParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicContainer> everyListedOutputMatchesTheOfficialCode() {
        return ParityFixtures.folders().stream().map(dir -> DynamicContainer.dynamicContainer(
                dir.getFileName().toString(), checks(dir)));
    }

    private static Stream<DynamicTest> checks(Path dir) {
        FixtureRun run = new FixtureRun(dir);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode file : run.manifest.get("files")) {
            String name = file.get("file").asText();
            if (file.has("tolerance_max_abs_diff")) {
                double tolerance = file.get("tolerance_max_abs_diff").asDouble();
                tests.add(DynamicTest.dynamicTest(name, () -> run.check(name, tolerance)));
            } else {
                tests.add(DynamicTest.dynamicTest(name, () -> run.checkIntact(name, file.path("sha256").asText(null))));
            }
        }
        if (run.manifest.get("files").findValuesAsText("file").contains("rec.npy")) {
            tests.add(DynamicTest.dynamicTest("rec.npy, one image per call",
                    () -> run.checkOneByOne("rec.npy")));
            tests.add(DynamicTest.dynamicTest("rec.npy, end to end from images/",
                    () -> run.checkEndToEnd("rec.npy")));
        }
        tests.add(DynamicTest.dynamicTest("(close)", run::close));
        return tests.stream();
    }

    /** One fixture folder: the model built from its checkpoint, and the outputs computed lazily and cached. */
    private static final class FixtureRun implements AutoCloseable {
        final Path dir;
        final JsonNode manifest;
        final JsonNode opt;
        final Map<String, float[]> computed = new HashMap<>();
        SwappingAutoencoder model;
        SwappingAutoencoder flipped;
        NDManager arrays;

        FixtureRun(Path dir) {
            this.dir = dir;
            try {
                this.manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
                this.opt = JSON.readTree(dir.resolve("opt.json").toFile());
            } catch (IOException e) {
                throw new IllegalStateException(dir + ": cannot read manifest.json / opt.json: " + e.getMessage(), e);
            }
        }

        /** A listed input (checkpoint, options, images) is present and, where the manifest gives one, has its sha256. */
        void checkIntact(String name, String sha256) throws Exception {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                fail(dir.getFileName() + "/" + name + " is listed in manifest.json but missing");
            }
            if (sha256 != null) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                assertThat(HexFormat.of().formatHex(digest)).as(name + " sha256").isEqualTo(sha256);
            }
        }

        void check(String name, double tolerance) throws Exception {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                fail(dir.getFileName() + "/" + name + " is listed in manifest.json but missing");
            }
            Npy.Array expected = Npy.read(file);
            float[] actual = compute(name);
            if (actual == null) {
                return;
            }
            compare(name, actual, expected, tolerance);
        }

        /** Reconstruction image by image: the single-image fast path (style folded into the weights). */
        void checkOneByOne(String name) throws Exception {
            ensureModel();
            Npy.Array expected = read(name);
            Npy.Array structure = read("structure_code.npy");
            Npy.Array texture = read("texture_code.npy");
            int n = (int) structure.shape()[0];
            Noise all = noise(-1, false);
            float[] actual = new float[expected.values().length];
            int per = actual.length / n;
            try (NDManager scope = arrays.newSubManager()) {
                NDArray s = scope.create(structure.values(), new Shape(structure.shape()));
                NDArray t = scope.create(texture.values(), new Shape(texture.shape()));
                for (int i = 0; i < n; i++) {
                    NDIndex row = new NDIndex(i + ":" + (i + 1));
                    float[] image = model.generate(s.get(row), t.get(row), all.slice(i, i + 1, n)).toFloatArray();
                    System.arraycopy(image, 0, actual, i * per, per);
                }
            }
            compare(name + " (one image per call)", actual, expected, tolerance(name));
        }

        /** Images → swapae preprocessing → encoder → generator, against the official reconstruction. */
        void checkEndToEnd(String name) throws Exception {
            ensureModel();
            Npy.Array expected = read(name);
            Npy.Array input = read("input.npy");
            try (NDManager scope = arrays.newSubManager()) {
                NDArray images = scope.create(ParityFixtures.networkInput(dir, opt), new Shape(input.shape()));
                Codes codes = model.encode(images);
                float[] actual = model.generate(codes.structure(), codes.texture(), noise(-1, false)).toFloatArray();
                compare(name + " (end to end)", actual, expected, tolerance(name));
            }
        }

        double tolerance(String name) {
            for (JsonNode f : manifest.get("files")) {
                if (f.get("file").asText().equals(name)) {
                    return f.get("tolerance_max_abs_diff").asDouble();
                }
            }
            throw new IllegalArgumentException(name + " is not in manifest.json");
        }

        void compare(String what, float[] actual, Npy.Array expected, double tolerance) {
            assertThat(actual.length).as(what + " element count").isEqualTo(expected.values().length);
            double max = 0;
            for (int i = 0; i < actual.length; i++) {
                max = Math.max(max, Math.abs(actual[i] - expected.values()[i]));
            }
            System.out.printf(Locale.ROOT, "parity %-18s %-40s max|diff| %.3g (tolerance %.0g)%n",
                    dir.getFileName(), what, max, tolerance);
            assertThat(max).as(what + " max abs diff").isLessThanOrEqualTo(tolerance);
        }

        /** The recomputed values of a listed file, or null for inputs (the noise maps) that are only read. */
        float[] compute(String name) throws Exception {
            if (name.startsWith("noise/")) {
                return null;
            }
            if (computed.containsKey(name)) {
                return computed.get(name);
            }
            ensureModel();
            if (name.equals("input.npy")) {
                return ParityFixtures.networkInput(dir, opt);
            }
            int k;
            switch (name) {
                case "structure_code.npy":
                case "texture_code.npy":
                case "intermediate/enc_midpoint.npy":
                case "intermediate/enc_structure_raw.npy":
                case "intermediate/enc_texture_raw.npy":
                    encode();
                    break;
                case "intermediate/gen_after_modulation.npy":
                case "intermediate/gen_after_head.npy":
                case "rec.npy":
                    generate("rec.npy", model, savedTexture(), null, noise(-1, false), true);
                    break;
                case "texture_code_swap.npy":
                    computed.put(name, roll(read("texture_code.npy")));
                    break;
                case "texture_code_interp.npy": {
                    Npy.Array t = read("texture_code.npy");
                    float[] swap = roll(t);
                    float[] lerp = new float[swap.length];
                    for (int i = 0; i < lerp.length; i++) {
                        lerp[i] = t.values()[i] + 0.5f * (swap[i] - t.values()[i]);
                    }
                    computed.put(name, lerp);
                    break;
                }
                case "swap.npy":
                    generate(name, model, read("texture_code_swap.npy"), null, noise(-1, false), false);
                    break;
                case "interp.npy":
                    generate(name, model, read("texture_code_interp.npy"), null, noise(-1, false), false);
                    break;
                case "rec_no_noise.npy":
                    k = (int) read(name).shape()[0];
                    generate(name, model, savedTexture(), k, Noise.none(), false);
                    break;
                case "rec_shared_noise.npy":
                    k = (int) read(name).shape()[0];
                    generate(name, model, savedTexture(), k, noise(1, true), false);
                    break;
                default:
                    if (name.startsWith("rec_netG_use_noise_")) {
                        k = (int) read(name).shape()[0];
                        generate(name, flippedModel(), savedTexture(), k, noise(k, false), false);
                        break;
                    }
                    fail("no parity check is known for listed file " + name);
            }
            return computed.get(name);
        }

        Npy.Array savedTexture() throws IOException {
            return read("texture_code.npy");
        }

        Npy.Array read(String name) throws IOException {
            return Npy.read(dir.resolve(name));
        }

        void ensureModel() throws Exception {
            if (model == null) {
                Architecture arch = ParityFixtures.architecture(opt);
                StateDict weights = ParityFixtures.weights(dir, manifest, opt);
                model = SwappingAutoencoder.create(arch, weights, Device.cpu(), ComputePath.FAST);
                arrays = model.manager().newSubManager();
            }
        }

        SwappingAutoencoder flippedModel() throws Exception {
            if (flipped == null) {
                Architecture arch = ParityFixtures.architecture(opt);
                flipped = SwappingAutoencoder.create(arch.withNetGUseNoise(!arch.netGUseNoise()),
                        ParityFixtures.weights(dir, manifest, opt), Device.cpu(), ComputePath.FAST);
            }
            return flipped;
        }

        void encode() throws IOException {
            Npy.Array input = read("input.npy");
            try (NDManager m = arrays.newSubManager()) {
                List<NDArray> trace = new ArrayList<>();
                Codes codes = model.encode(m.create(input.values(), new Shape(input.shape())), trace);
                computed.put("structure_code.npy", codes.structure().toFloatArray());
                computed.put("texture_code.npy", codes.texture().toFloatArray());
                computed.put("intermediate/enc_midpoint.npy", trace.get(0).toFloatArray());
                computed.put("intermediate/enc_structure_raw.npy", trace.get(1).toFloatArray());
                computed.put("intermediate/enc_texture_raw.npy", trace.get(2).toFloatArray());
            }
        }

        /**
         * The fixture's fixed noise: {@code firstImages} of each per-image map (all when negative), or with
         * {@code shared} each layer's first map broadcast over the batch.
         */
        Noise noise(int firstImages, boolean shared) throws IOException {
            List<float[]> values = new ArrayList<>();
            List<long[]> shapes = new ArrayList<>();
            Iterator<JsonNode> layers = manifest.get("noise").get("layers").elements();
            while (layers.hasNext()) {
                JsonNode layer = layers.next();
                Npy.Array a = read(layer.get("file").asText());
                long[] s = a.shape().clone();
                int keep = shared ? 1 : firstImages < 0 ? (int) s[0] : Math.min(firstImages, (int) s[0]);
                int per = (int) (s[1] * s[2] * s[3]);
                float[] v = new float[keep * per];
                System.arraycopy(a.values(), 0, v, 0, v.length);
                s[0] = keep;
                values.add(v);
                shapes.add(s);
            }
            return Noise.explicit(values, shapes);
        }

        void generate(String name, SwappingAutoencoder m, Npy.Array texture, Integer firstImages,
                      Noise noise, boolean withTrace) throws IOException {
            Npy.Array structure = read("structure_code.npy");
            try (NDManager scope = arrays.newSubManager()) {
                NDArray s = scope.create(structure.values(), new Shape(structure.shape()));
                NDArray t = scope.create(texture.values(), new Shape(texture.shape()));
                if (firstImages != null) {
                    s = s.get(new NDIndex("0:" + firstImages));
                    t = t.get(new NDIndex("0:" + firstImages));
                }
                List<NDArray> trace = withTrace ? new ArrayList<>() : null;
                NDArray images = m.generate(s, t, noise, trace);
                computed.put(name, images.toFloatArray());
                if (withTrace) {
                    computed.put("intermediate/gen_after_modulation.npy", trace.get(0).toFloatArray());
                    computed.put("intermediate/gen_after_head.npy", trace.get(1).toFloatArray());
                }
            }
        }

        static float[] roll(Npy.Array t) {
            int n = (int) t.shape()[0];
            int d = t.values().length / n;
            float[] out = new float[t.values().length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(t.values(), ((i - 1 + n) % n) * d, out, i * d, d);
            }
            return out;
        }

        @Override
        public void close() {
            if (arrays != null) {
                arrays.close();
            }
            if (model != null) {
                model.close();
            }
            if (flipped != null) {
                flipped.close();
            }
        }
    }
}
