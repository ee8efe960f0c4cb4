package io.swapae.checkpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;

/**
 * The {@code __metadata__} of swapae's safetensors weight files: {@code arch.<official option>} for the architecture,
 * {@code preprocess.mode|load_size|crop_size}, the full {@code fingerprint}, and provenance ({@code source.file},
 * {@code source.sha256}, {@code converted_at}, {@code swapae.version}, where the architecture came from, ...).
 */
final class WeightsMetadata {

    static final String FORMAT_KEY = "swapae.format";
    static final String FORMAT_VERSION = "1";
    static final String FINGERPRINT = "fingerprint";
    static final String ARCH_PREFIX = "arch.";
    static final String PREPROCESS_MODE = "preprocess.mode";
    static final String PREPROCESS_LOAD_SIZE = "preprocess.load_size";
    static final String PREPROCESS_CROP_SIZE = "preprocess.crop_size";

    /** Provenance that describes the file as loaded, recorded as {@code source.*} or replaced when converting. */
    private static final Set<String> AS_LOADED = Set.of(ModelWeights.FILE, ModelWeights.FORMAT, ModelWeights.SHA256,
            ModelWeights.CONVERTED_AT, ModelWeights.SWAPAE_VERSION);

    private static final Set<String> NOT_PROVENANCE = Set.of(FORMAT_KEY, FINGERPRINT, PREPROCESS_MODE,
            PREPROCESS_LOAD_SIZE, PREPROCESS_CROP_SIZE);

    /** What the metadata says; {@code architecture} and {@code preprocess} are {@code null} when absent. */
    record Decoded(Architecture architecture, Preprocess preprocess, Fingerprint fingerprint,
                   Map<String, String> provenance) {
    }

    private WeightsMetadata() {
    }

    static Map<String, String> encode(ModelWeights weights, Clock clock) {
        Map<String, String> p = weights.provenance();
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT_KEY, FORMAT_VERSION);
        m.put(FINGERPRINT, weights.fingerprint().full());
        weights.architecture().toOptions().forEach((k, v) -> m.put(ARCH_PREFIX + k, v));
        Preprocess pre = weights.preprocess();
        if (pre != null) {
            m.put(PREPROCESS_MODE, pre.mode().officialName());
            m.put(PREPROCESS_LOAD_SIZE, Integer.toString(pre.loadSize()));
            m.put(PREPROCESS_CROP_SIZE, Integer.toString(pre.cropSize()));
        }
        boolean converted = p.containsKey(ModelWeights.SOURCE_FILE);
        putIfPresent(m, ModelWeights.SOURCE_FILE, p.get(converted ? ModelWeights.SOURCE_FILE : ModelWeights.FILE));
        putIfPresent(m, ModelWeights.SOURCE_FORMAT, p.get(converted ? ModelWeights.SOURCE_FORMAT : ModelWeights.FORMAT));
        putIfPresent(m, ModelWeights.SOURCE_SHA256, p.get(converted ? ModelWeights.SOURCE_SHA256 : ModelWeights.SHA256));
        p.forEach((k, v) -> {
            if (!AS_LOADED.contains(k) && !k.startsWith("source.") && !m.containsKey(k)) {
                m.put(k, v);
            }
        });
        m.put(ModelWeights.CONVERTED_AT, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        m.put(ModelWeights.SWAPAE_VERSION, version());
        return m;
    }

    static Decoded decode(Map<String, String> metadata, String fileName) throws CheckpointException {
        Map<String, String> arch = new LinkedHashMap<>();
        Map<String, String> provenance = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(ARCH_PREFIX)) {
                arch.put(k.substring(ARCH_PREFIX.length()), v);
            } else if (!NOT_PROVENANCE.contains(k)) {
                provenance.put(k, v);
            }
        });
        try {
            Architecture architecture = arch.isEmpty() ? null : Architecture.fromOptions(arch);
            Preprocess preprocess = null;
            if (metadata.containsKey(PREPROCESS_MODE)) {
                preprocess = Preprocess.of(metadata.get(PREPROCESS_MODE),
                        Integer.parseInt(metadata.getOrDefault(PREPROCESS_LOAD_SIZE, "")),
                        Integer.parseInt(metadata.getOrDefault(PREPROCESS_CROP_SIZE, "")));
            }
            Fingerprint fingerprint = metadata.containsKey(FINGERPRINT) ? Fingerprint.parse(metadata.get(FINGERPRINT)) : null;
            return new Decoded(architecture, preprocess, fingerprint, provenance);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(fileName + ": invalid swapae metadata: " + SafeText.printable(e.getMessage()));
        }
    }

    /** The version of this library from its jar manifest, {@code development} when run from classes. */
    static String version() {
        String v = WeightsMetadata.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private static void putIfPresent(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
