package io.swapae.runtime;

import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.model.Architecture;
import io.swapae.model.RandomWeights;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What model to load, as a small serialisable value the driver hands to its tasks: a checkpoint file on the
 * executor's local file system, or random weights of an architecture from a seed. Equal specs load the same model,
 * which is what lets an executor's tasks share one instance ({@link ExecutorModels}).
 */
public final class ModelSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Provenance key of random weights: their seed. */
    public static final String RANDOM_SEED = "random.seed";

    private final String checkpoint;
    private final TreeMap<String, String> architecture;
    private final long seed;

    private ModelSpec(String checkpoint, TreeMap<String, String> architecture, long seed) {
        this.checkpoint = checkpoint;
        this.architecture = architecture;
        this.seed = seed;
    }

    /** The checkpoint at {@code localPath} (any format {@link CheckpointLoader} reads), as the executors see it. */
    public static ModelSpec checkpoint(String localPath) {
        if (localPath == null || localPath.isBlank()) {
            throw new IllegalArgumentException("checkpoint path is required");
        }
        return new ModelSpec(localPath, null, 0);
    }

    /** Untrained weights of {@code architecture} drawn from {@code seed} ({@link RandomWeights}). */
    public static ModelSpec random(Architecture architecture, long seed) {
        Objects.requireNonNull(architecture, "architecture");
        return new ModelSpec(null, new TreeMap<>(architecture.toOptions()), seed);
    }

    /** Whether this is random weights rather than a checkpoint. */
    public boolean isRandom() {
        return checkpoint == null;
    }

    /** Reads the weights this spec names. */
    public ModelWeights load() throws CheckpointException {
        if (!isRandom()) {
            return CheckpointLoader.load(Path.of(checkpoint));
        }
        Architecture arch = Architecture.fromOptions(architecture);
        return ModelWeights.of(arch, null, RandomWeights.of(arch, seed), Map.of(RANDOM_SEED, Long.toString(seed)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && Objects.equals(checkpoint, s.checkpoint)
                && Objects.equals(architecture, s.architecture) && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(checkpoint, architecture, seed);
    }

    /** {@code checkpoint:PATH} or {@code random:OPTIONS:seed=N}. */
    @Override
    public String toString() {
        return isRandom() ? "random:" + architecture + ":seed=" + seed : "checkpoint:" + checkpoint;
    }
}
