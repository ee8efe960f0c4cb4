package io.swapae.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swapae.model.Architecture;
import io.swapae.model.ParameterLayout;

/** Test resources: the official set A checkpoint and its key list, the default key list, option files. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One row of a key list: key, shape, dtype as the official code reports them. */
    record Key(String key, long[] shape, String dtype) {
    }

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Paths.get(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path setACheckpoint() {
        return resource("fixtures/sae-parity-a/checkpoint.pth");
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(resource(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Key> keys(JsonNode list) {
        List<Key> keys = new ArrayList<>();
        for (JsonNode k : list) {
            long[] shape = new long[k.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = k.get("shape").get(i).asLong();
            }
            keys.add(new Key(k.get("key").asText(), shape, k.get("dtype").asText()));
        }
        return keys;
    }

    /** Set A's architecture, from the official option values in its opt.json. */
    static Architecture setAArchitecture() {
        Map<String, String> options = new LinkedHashMap<>();
        json("fixtures/sae-parity-a/opt.json").get("architecture").fields()
                .forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        return Architecture.fromOptions(options);
    }

    /** A state dict with the layout's keys and shapes and zero values. */
    static StateDict zeros(Architecture architecture) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (ParameterLayout.Entry e : ParameterLayout.of(architecture).entries()) {
            tensors.put(e.key(), TensorData.ofFloats(e.key(), e.shape(), new float[(int) e.size()]));
        }
        return new StateDict(tensors);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
