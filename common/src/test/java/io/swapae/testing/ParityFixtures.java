package io.swapae.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.StateDict;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.Preprocess;
import io.swapae.image.Preprocessor;
import io.swapae.image.RgbImage;
import io.swapae.model.Architecture;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Locates parity fixture folders (in-repo set A by default) and reads their model, options and images. */
public final class ParityFixtures {

    /** System property: comma-separated fixture folders to run the parity tests on instead of the in-repo set A. */
    public static final String PROPERTY = "swapae.parity.fixtures";

    private ParityFixtures() {
    }

    /** The folders named by {@link #PROPERTY}, or the in-repo sets (A, the official set, and more made the same way). */
    public static List<Path> folders() {
        String property = System.getProperty(PROPERTY, "").trim();
        if (!property.isEmpty()) {
            List<Path> dirs = new ArrayList<>();
            for (String d : property.split(",")) {
                Path p = Path.of(d.trim()).toAbsolutePath();
                if (!Files.isRegularFile(p.resolve("manifest.json"))) {
                    throw new IllegalArgumentException(PROPERTY + ": " + p + " has no manifest.json");
                }
                dirs.add(p);
            }
            return dirs;
        }
        try (Stream<Path> sets = Files.list(resource("fixtures"))) {
            return sets.filter(d -> d.getFileName().toString().startsWith("sae-parity-")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test resource folder or file. */
    public static Path resource(String name) {
        try {
            return Path.of(ParityFixtures.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }

    /** The architecture of {@code opt.json}'s {@code architecture} object. */
    public static Architecture architecture(JsonNode opt) {
        Map<String, String> options = new LinkedHashMap<>();
        opt.get("architecture").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        return Architecture.fromOptions(options);
    }

    /**
     * The checkpoint named by the manifest, loaded as users load checkpoints (its architecture from the
     * {@code opt.json} beside it), which must be the architecture {@code opt.json} states.
     */
    public static StateDict weights(Path dir, JsonNode manifest, JsonNode opt) throws CheckpointException {
        ModelWeights weights = CheckpointLoader.load(dir.resolve(manifest.get("checkpoint").get("file").asText()));
        if (!weights.architecture().equals(architecture(opt))) {
            throw new IllegalStateException(dir + ": the loader read architecture " + weights.architecture()
                    + ", opt.json states " + architecture(opt));
        }
        return weights.tensors();
    }

    /**
     * The network input made by swapae from the fixture's {@code images/*.png} (sorted by name) with the fixture's
     * preprocessing: what the official test transform produced as {@code input.npy}.
     */
    public static float[] networkInput(Path dir, JsonNode opt) throws IOException {
        JsonNode a = opt.get("architecture");
        Preprocessor preprocessor = new Preprocessor(Preprocess.of(a.get("preprocess").asText(),
                a.get("load_size").asInt(), a.get("crop_size").asInt()));
        ImageDecoder decoder = new ImageDecoder();
        List<float[]> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("images"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".png")).sorted().toList()) {
                RgbImage image = preprocessor.apply(decoder.decode(Files.readAllBytes(p)));
                images.add(ImageTensors.toChw(image));
            }
        } catch (io.swapae.image.ImageDecodeException e) {
            throw new IOException(e.getMessage(), e);
        }
        float[] all = new float[images.stream().mapToInt(x -> x.length).sum()];
        int offset = 0;
        for (float[] image : images) {
            System.arraycopy(image, 0, all, offset, image.length);
            offset += image.length;
        }
        return Arrays.copyOf(all, offset);
    }
}
