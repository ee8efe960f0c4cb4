package io.swapae.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;

/**
 * Everything needed to run a model, whatever file it came from: the architecture, the preprocessing it was trained
 * with ({@code null} when unknown), the encoder and generator tensors ({@code E.*}, {@code G.*}) in official order,
 * their {@link Fingerprint}, and provenance (where the file and its architecture came from; see
 * {@link CheckpointLoader}).
 */
public record ModelWeights(
        Architecture architecture,
        Preprocess preprocess,
        StateDict tensors,
        Fingerprint fingerprint,
        Map<String, String> provenance) {

    /** Provenance key: file name of the weights as loaded. */
    public static final String FILE = "file";
    /** Provenance key: format of the weights as loaded ({@link WeightsFormat} name). */
    public static final String FORMAT = "format";
    /** Provenance key: SHA-256 of the file as loaded. */
    public static final String SHA256 = "sha256";
    /** Provenance key: file name of the original checkpoint a converted file was made from. */
    public static final String SOURCE_FILE = "source.file";
    /** Provenance key: format of the original checkpoint. */
    public static final String SOURCE_FORMAT = "source.format";
    /** Provenance key: SHA-256 of the original checkpoint. */
    public static final String SOURCE_SHA256 = "source.sha256";
    /** Provenance key: where the architecture came from (metadata, opt.txt, opt.json, a preset, inference). */
    public static final String ARCHITECTURE_SOURCE = "architecture.source";
    /** Provenance key: caveats of the architecture (what could not be known). */
    public static final String ARCHITECTURE_NOTE = "architecture.note";
    /** Provenance key: where the preprocessing came from. */
    public static final String PREPROCESS_SOURCE = "preprocess.source";
    /** Provenance key: why the preprocessing is unknown although an option file names one. */
    public static final String PREPROCESS_NOTE = "preprocess.note";
    /** Provenance key: when a converted file was written (ISO-8601, UTC). */
    public static final String CONVERTED_AT = "converted_at";
    /** Provenance key: the swapae version that wrote a converted file. */
    public static final String SWAPAE_VERSION = "swapae.version";

    public ModelWeights {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(fingerprint, "fingerprint");
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** Weights with the fingerprint computed from {@code tensors}. */
    public static ModelWeights of(Architecture architecture, Preprocess preprocess, StateDict tensors,
                                  Map<String, String> provenance) {
        return new ModelWeights(architecture, preprocess, tensors, Fingerprint.of(tensors), provenance);
    }
}
