package io.swapae.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swapae.image.Preprocess;

/**
 * The option files of an official training run, found next to its checkpoint: {@code opt.txt} as the official
 * {@code BaseOptions.save_options} writes it ({@code '{:>25}: {:<30}{}'} lines, a tab and {@code [default: x]}
 * after changed values), also accepted with the {@code ----------------- Options ---------------} /
 * {@code ----------------- End -------------------} frame that {@code print_options} prints; or an
 * {@code opt.json} whose {@code architecture} object holds official option names.
 */
public final class OptionsFile {

    /** The largest option file read. */
    static final int MAX_BYTES = 1 << 20;

    private static final String DEFAULT_MARK = "\t[default:";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Options read from {@code path}, official names to values as text. */
    public record Found(Path path, Map<String, String> options) {
    }

    private OptionsFile() {
    }

    /** {@code opt.txt}, else {@code opt.json}, in the folder of {@code checkpoint}; empty when there is neither. */
    public static Optional<Found> besides(Path checkpoint) throws CheckpointException {
        Path dir = checkpoint.toAbsolutePath().getParent();
        if (dir == null) {
            return Optional.empty();
        }
        Path txt = dir.resolve("opt.txt");
        if (Files.isRegularFile(txt)) {
            return Optional.of(new Found(txt, parseText(read(txt))));
        }
        Path json = dir.resolve("opt.json");
        if (Files.isRegularFile(json)) {
            return Optional.of(new Found(json, parseJson(read(json))));
        }
        return Optional.empty();
    }

    /** Parses {@code opt.txt} text; values keep Python's spelling ({@code True}, {@code 1.0}, {@code None}). */
    public static Map<String, String> parseText(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean framed = text.lines().anyMatch(l -> l.startsWith("----------------- Options"));
        boolean inside = !framed;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.startsWith("----------------- Options")) {
                inside = true;
                continue;
            }
            if (line.startsWith("----------------- End")) {
                inside = false;
                continue;
            }
            int colon = line.indexOf(':');
            if (!inside || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                continue;
            }
            String value = line.substring(colon + 1);
            int comment = value.lastIndexOf(DEFAULT_MARK);
            if (comment >= 0) {
                value = value.substring(0, comment);
            }
            options.put(key, value.trim());
        }
        return options;
    }

    /** Parses {@code opt.json}: the {@code architecture} object if there is one, else the top-level object. */
    public static Map<String, String> parseJson(String json) throws CheckpointException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CheckpointException("opt.json is not valid JSON: " + SafeText.printable(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException("opt.json is not a JSON object");
        }
        JsonNode arch = root.get("architecture");
        JsonNode source = arch != null && arch.isObject() ? arch : root;
        Map<String, String> options = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = source.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                options.put(e.getKey(), v.asText());
            }
        }
        return options;
    }

    /**
     * The preprocessing named by {@code options} ({@code preprocess}, {@code load_size}, {@code crop_size}, with the
     * official defaults 256 for the sizes); empty when {@code preprocess} is not among them.
     */
    public static Optional<Preprocess> preprocess(Map<String, String> options) {
        String mode = options.get("preprocess");
        if (mode == null) {
            return Optional.empty();
        }
        return Optional.of(Preprocess.of(mode, size(options, "load_size"), size(options, "crop_size")));
    }

    private static int size(Map<String, String> options, String key) {
        String v = options.getOrDefault(key, "256").trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    private static String read(Path file) throws CheckpointException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CheckpointException(file.getFileName() + " is larger than " + MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
