package io.swapae.jobs.encode;

import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.Fingerprint;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.image.Preprocess;
import io.swapae.jobs.models.ModelReferences;
import io.swapae.jobs.runtime.CheckpointSource;
import io.swapae.model.Architecture;
import io.swapae.runtime.ModelSpec;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;

/**
 * Which model a job runs, as the driver resolved it (where its checkpoint is, preprocessing, fingerprint, how to run
 * it), in a form that travels to the executors, where {@link io.swapae.runtime.ExecutorModels} loads it once per JVM.
 */
public final class EncodeModel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The embedded default: the official 256 px architecture with untrained weights from this seed. */
    static final long DEFAULT_SEED = 0;

    /**
     * The fingerprint of the embedded default's weights, so that naming the model does not draw 55 million random
     * numbers a second time on the driver ({@code EncodeModelTest} checks it against the drawn weights).
     */
    static final Fingerprint EMBEDDED_FINGERPRINT = new Fingerprint(
            "842a9ec4b37c7732a045f3a6422debdaa7e833c51bb4c721b6eef882c7ea94a7");

    private final CheckpointSource checkpoint;
    private final ModelSpec randomWeights;
    private final Preprocess preprocess;
    private final String sha256;
    private final String fingerprint;
    private final RuntimeOptions runtime;

    private EncodeModel(CheckpointSource checkpoint, ModelSpec randomWeights, Preprocess preprocess,
                        Fingerprint fingerprint, RuntimeOptions runtime) {
        this.checkpoint = checkpoint;
        this.randomWeights = randomWeights;
        this.preprocess = preprocess;
        this.sha256 = fingerprint.sha256();
        this.fingerprint = fingerprint.shortForm();
        this.runtime = runtime;
    }

    /** The checkpoint at a local path; its preprocessing unless {@code preprocess} is given. */
    public static EncodeModel of(Path checkpoint, Preprocess preprocess, RuntimeOptions runtime) throws IOException {
        return of(CheckpointSource.path(checkpoint), preprocess, runtime, new Configuration());
    }

    /**
     * The checkpoint at {@code source} (a URI is copied with {@code hadoop}'s settings), loaded here to check it and
     * learn its fingerprint and preprocessing; its preprocessing unless {@code preprocess} is given.
     */
    public static EncodeModel of(CheckpointSource source, Preprocess preprocess, RuntimeOptions runtime,
                                 Configuration hadoop) throws IOException {
        ModelWeights w = CheckpointLoader.load(source.localFile(hadoop));
        Preprocess p = preprocess != null ? preprocess : w.preprocess();
        if (p == null) {
            throw new IllegalArgumentException("the model " + source + " has no preprocessing on record"
                    + " (no opt.txt, preset or swapae metadata): give --preprocess and --load-size");
        }
        return new EncodeModel(source, null, p, w.fingerprint(), runtime);
    }

    /**
     * The embedded default model: the official default architecture with untrained (random) weights. Codes made
     * with it are not meaningful; it exists so that everything runs without a download.
     */
    public static EncodeModel embeddedDefault(Preprocess preprocess, RuntimeOptions runtime) {
        Preprocess p = preprocess != null ? preprocess : Preprocess.of("scale_shortside_and_crop", 256, 256);
        return new EncodeModel(null, ModelSpec.random(Architecture.DEFAULT, DEFAULT_SEED), p, EMBEDDED_FINGERPRINT,
                runtime);
    }

    /**
     * The model that made codes whose fingerprint is {@code codesModel}, to decode them: {@code reference} (a released
     * model's name, a path or a URI), which must be that model, or the embedded default when no reference is given
     * and it made them. Refusals say that {@code decoded} (e.g. "previews are decoded") with the model that made the
     * codes, followed by {@code otherwise} (another way out, or empty).
     */
    public static EncodeModel thatMade(String codesModel, String reference, Preprocess preprocess,
                                       RuntimeOptions runtime, SparkContext spark, String decoded, String otherwise)
            throws IOException {
        if (reference != null) {
            EncodeModel model = of(ModelReferences.official(null).resolve(reference), preprocess, runtime,
                    spark.hadoopConfiguration()).forExecutors(spark);
            if (!model.fingerprint().equals(codesModel)) {
                throw new IllegalArgumentException("the codes were made by model " + codesModel + " but --model "
                        + reference + " is " + model.fingerprint() + ": " + decoded + " with the model that made the"
                        + " codes" + otherwise);
            }
            return model;
        }
        EncodeModel embedded = embeddedDefault(preprocess, runtime);
        if (!embedded.fingerprint().equals(codesModel)) {
            throw new IllegalArgumentException("the codes were made by model " + codesModel + ", not the embedded"
                    + " default: give --model (the checkpoint that made them)" + otherwise);
        }
        return embedded;
    }

    /**
     * This model as the executors of {@code spark} reach it: a checkpoint on the driver's disk is shipped with the
     * job when the master is not local (see {@link CheckpointSource#forExecutors}).
     */
    public EncodeModel forExecutors(SparkContext spark) throws IOException {
        if (checkpoint == null) {
            return this;
        }
        Fingerprint weights = new Fingerprint(sha256);
        CheckpointSource shipped = checkpoint.forExecutors(spark, weights);
        return shipped.equals(checkpoint) ? this : new EncodeModel(shipped, null, preprocess, weights, runtime);
    }

    /**
     * What this JVM loads, through {@link io.swapae.runtime.ExecutorModels} (executors, and a driver that decodes
     * codes): the checkpoint as a local file here (a URI copied first with {@code hadoop}'s settings), or the random
     * weights.
     */
    public ModelSpec spec(Configuration hadoop) throws IOException {
        return checkpoint == null ? randomWeights : ModelSpec.checkpoint(checkpoint.localFile(hadoop).toString());
    }

    /** How to run it: device choice, compute path, precision, threads. */
    public RuntimeOptions runtime() {
        return runtime;
    }

    public Preprocess preprocess() {
        return preprocess;
    }

    /** The model's fingerprint in its short form ({@code sha256:} and 16 hex digits), as output rows record it. */
    public String fingerprint() {
        return fingerprint;
    }
}
