package io.swapae.jobs.encode;

import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.Fingerprint;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which model a job runs, as the driver resolved it (architecture, preprocessing, fingerprint), in a form that
 * travels to the executors; each executor JVM loads it once and shares it between its tasks.
 */
public final class EncodeModel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The embedded default: the official 256 px architecture with untrained weights from this seed. */
    static final long DEFAULT_SEED = 0;

    private static final Map<String, SwappingAutoencoder> LOADED = new ConcurrentHashMap<>();

    private final String checkpoint;
    private final Architecture architecture;
    private final Preprocess preprocess;
    private final String fingerprint;

    private EncodeModel(String checkpoint, Architecture architecture, Preprocess preprocess, String fingerprint) {
        this.checkpoint = checkpoint;
        this.architecture = architecture;
        this.preprocess = preprocess;
        this.fingerprint = fingerprint;
    }

    /** The checkpoint at a local path; its preprocessing unless {@code preprocess} is given. */
    public static EncodeModel of(Path checkpoint, Preprocess preprocess) throws CheckpointException {
        ModelWeights w = CheckpointLoader.load(checkpoint);
        Preprocess p = preprocess != null ? preprocess : w.preprocess();
        if (p == null) {
            throw new IllegalArgumentException("the model " + checkpoint + " has no preprocessing on record"
                    + " (no opt.txt or preset): give --preprocess, --load-size and --crop-size");
        }
        return new EncodeModel(checkpoint.toAbsolutePath().toString(), w.architecture(), p,
                w.fingerprint().toString());
    }

    /**
     * The embedded default model: the official default architecture with untrained (random) weights. Codes made
     * with it are not meaningful; it exists so that everything runs without a download.
     */
    public static EncodeModel embeddedDefault(Preprocess preprocess) {
        Preprocess p = preprocess != null ? preprocess : Preprocess.of("scale_shortside_and_crop", 256, 256);
        String fingerprint = Fingerprint.of(RandomWeights.of(Architecture.DEFAULT, DEFAULT_SEED)).toString();
        return new EncodeModel(null, Architecture.DEFAULT, p, fingerprint);
    }

    public Architecture architecture() {
        return architecture;
    }

    public Preprocess preprocess() {
        return preprocess;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The network, loaded once per JVM. */
    SwappingAutoencoder network() {
        return LOADED.computeIfAbsent(checkpoint == null ? "default" : checkpoint, key -> {
            try {
                if (checkpoint == null) {
                    return SwappingAutoencoder.create(architecture, RandomWeights.of(architecture, DEFAULT_SEED));
                }
                ModelWeights w = CheckpointLoader.load(Path.of(checkpoint));
                return SwappingAutoencoder.create(w.architecture(), w.tensors());
            } catch (CheckpointException e) {
                throw new IllegalStateException("cannot load model " + checkpoint + ": " + e.getMessage(), e);
            }
        });
    }
}
