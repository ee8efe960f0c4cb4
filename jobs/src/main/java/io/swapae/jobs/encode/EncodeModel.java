package io.swapae.jobs.encode;

import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.Fingerprint;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;
import io.swapae.model.RandomWeights;
import io.swapae.runtime.ModelSpec;
import io.swapae.runtime.RuntimeOptions;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Which model a job runs, as the driver resolved it (what to load, preprocessing, fingerprint, how to run it), in a
 * form that travels to the executors, where {@link io.swapae.runtime.ExecutorModels} loads it once per JVM.
 */
public final class EncodeModel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The embedded default: the official 256 px architecture with untrained weights from this seed. */
    static final long DEFAULT_SEED = 0;

    private final ModelSpec spec;
    private final Preprocess preprocess;
    private final String fingerprint;
    private final RuntimeOptions runtime;

    private EncodeModel(ModelSpec spec, Preprocess preprocess, String fingerprint, RuntimeOptions runtime) {
        this.spec = spec;
        this.preprocess = preprocess;
        this.fingerprint = fingerprint;
        this.runtime = runtime;
    }

    /** The checkpoint at a local path; its preprocessing unless {@code preprocess} is given. */
    public static EncodeModel of(Path checkpoint, Preprocess preprocess, RuntimeOptions runtime)
            throws CheckpointException {
        ModelWeights w = CheckpointLoader.load(checkpoint);
        Preprocess p = preprocess != null ? preprocess : w.preprocess();
        if (p == null) {
            throw new IllegalArgumentException("the model " + checkpoint + " has no preprocessing on record"
                    + " (no opt.txt, preset or swapae metadata): give --preprocess and --load-size");
        }
        return new EncodeModel(ModelSpec.checkpoint(checkpoint.toAbsolutePath().toString()), p,
                w.fingerprint().toString(), runtime);
    }

    /**
     * The embedded default model: the official default architecture with untrained (random) weights. Codes made
     * with it are not meaningful; it exists so that everything runs without a download.
     */
    public static EncodeModel embeddedDefault(Preprocess preprocess, RuntimeOptions runtime) {
        Preprocess p = preprocess != null ? preprocess : Preprocess.of("scale_shortside_and_crop", 256, 256);
        String fingerprint = Fingerprint.of(RandomWeights.of(Architecture.DEFAULT, DEFAULT_SEED)).toString();
        return new EncodeModel(ModelSpec.random(Architecture.DEFAULT, DEFAULT_SEED), p, fingerprint, runtime);
    }

    /** What to load: executors and a driver that decodes codes load it through {@link io.swapae.runtime.ExecutorModels}. */
    public ModelSpec spec() {
        return spec;
    }

    /** How to run it: device choice, compute path, precision, threads. */
    public RuntimeOptions runtime() {
        return runtime;
    }

    public Preprocess preprocess() {
        return preprocess;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
