package io.swapae.clip;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.testing.Npy;
import io.swapae.testing.ParityFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The CLIP parity fixture copied into the test resources ({@code clip/}: a tiny random-weight open_clip model, its
 * inputs and outputs, see its README.md): paths, arrays, the manifest's tolerances and the model built from it.
 */
final class ClipFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClipFixture() {
    }

    static Path file(String name) {
        return ParityFixtures.resource("clip/" + name);
    }

    static Npy.Array array(String name) {
        try {
            return Npy.read(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NDArray ndarray(NDManager manager, String name) {
        Npy.Array a = array(name);
        return manager.create(a.values(), new Shape(a.shape()));
    }

    static JsonNode manifest() {
        try {
            return JSON.readTree(file("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest's {@code tolerance_max_abs} of {@code name}. */
    static double tolerance(String name) {
        for (JsonNode f : manifest().get("files")) {
            if (f.get("path").asText().equals(name)) {
                return f.get("tolerance_max_abs").asDouble();
            }
        }
        throw new IllegalArgumentException(name + " is not in the CLIP fixture's manifest");
    }

    static ClipConfig config() {
        try {
            return ClipConfig.fromOpenClip(file("open_clip_config.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClipModel model() throws CheckpointException {
        return ClipModel.create(config(), ClipWeights.read(file("open_clip_model.safetensors")), Device.cpu());
    }

    /** {@code tokenizer/prompts.json}: every prompt with each stage of its tokenization. */
    static JsonNode prompts() {
        try {
            return JSON.readTree(file("tokenizer/prompts.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prompts whose text-tower intermediates the fixture holds. */
    static int[] textIntermediatePrompts() {
        JsonNode list = prompts().get("text_intermediate_prompts");
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asInt();
        }
        return out;
    }

    /** The fixture's token ids {@code [19, 77]}. */
    static long[][] tokenIds() {
        Npy.Array a = array("tokenizer/token_ids.npy");
        int rows = (int) a.shape()[0];
        int cols = (int) a.shape()[1];
        long[][] ids = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                ids[i][j] = (long) a.values()[i * cols + j];
            }
        }
        return ids;
    }

    /** Largest absolute difference between {@code actual} and the fixture's {@code name}, which has the same shape. */
    static double maxAbsDiff(NDArray actual, String name) {
        Npy.Array expected = array(name);
        assertThat(actual.getShape().getShape()).as(name + " shape").containsExactly(expected.shape());
        float[] values = actual.toFloatArray();
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            double d = Math.abs((double) values[i] - expected.values()[i]);
            if (!(d <= max)) {
                max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return max;
    }

    /** Asserts {@code actual} matches the fixture's {@code name} within the manifest's tolerance; returns the difference. */
    static double assertMatches(NDArray actual, String name) {
        double diff = maxAbsDiff(actual, name);
        double tolerance = tolerance(name);
        System.out.printf("%s: max |diff| %.3g (tolerance %.3g)%n", name, diff, tolerance);
        assertThat(diff).as(name + " max |diff|").isLessThanOrEqualTo(tolerance);
        return diff;
    }
}
