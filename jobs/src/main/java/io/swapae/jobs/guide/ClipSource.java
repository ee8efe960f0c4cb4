package io.swapae.jobs.guide;

import ai.djl.Device;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.clip.ClipConfig;
import io.swapae.clip.ClipModel;
import io.swapae.clip.ClipWeights;
import io.swapae.checkpoint.StateDict;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;

/**
 * The CLIP model a guide job uses, as it travels to executors: its weights file, its architecture (an open_clip
 * config file, or a preset for a bare weights file) and its fingerprint ({@code sha256:} and the first 16 hex
 * digits of the weights file's SHA-256), which output rows record. In local mode executors read the driver's files;
 * on a cluster {@link #forExecutors} ships them with the job ({@code SparkContext.addFile}, named by fingerprint), and
 * executors open them with {@code SparkFiles.get}.
 *
 * @param weights the weights file (safetensors or a PyTorch zip checkpoint, OpenAI / open_clip or Hugging Face keys)
 * @param config  the {@code open_clip_config.json} beside it, or {@code null} for {@code preset}
 * @param preset  the preset of a bare weights file ({@code ViT-B-32}), or {@code null} with a config
 * @param fingerprint the weights' fingerprint
 * @param shipped whether {@code weights} and {@code config} are names of files shipped with the job, not paths
 */
public record ClipSource(String weights, String config, String preset, String fingerprint, boolean shipped)
        implements Serializable {

    private static final Set<String> SHIPPED = new HashSet<>();
    private static Path staging;

    /** The architecture a bare weights file is taken to have. */
    public static final String DEFAULT_PRESET = "ViT-B-32";

    /** A folder with {@code open_clip_config.json} and {@code open_clip_model.safetensors}, fingerprinted. */
    public static ClipSource folder(Path folder) throws IOException {
        Path weights = folder.resolve(ClipFiles.WEIGHTS);
        Path config = folder.resolve(ClipFiles.CONFIG);
        for (Path p : new Path[] {weights, config}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--clip: the folder " + folder + " has no " + p.getFileName()
                        + " (a CLIP folder holds " + ClipFiles.CONFIG + " and " + ClipFiles.WEIGHTS + ")");
            }
        }
        return new ClipSource(weights.toAbsolutePath().toString(), config.toAbsolutePath().toString(), null,
                fingerprint(weights), false);
    }

    /** A bare weights file with the {@link #DEFAULT_PRESET} architecture, fingerprinted. */
    public static ClipSource file(Path weights) throws IOException {
        return new ClipSource(weights.toAbsolutePath().toString(), null, DEFAULT_PRESET, fingerprint(weights), false);
    }

    /**
     * What the executors of {@code spark} read: on a non-local master, the files shipped with the job under names
     * made of the fingerprint (so two CLIP models never share a name); otherwise this source as it is.
     */
    public ClipSource forExecutors(SparkContext spark) throws IOException {
        if (shipped || spark.isLocal()) {
            return this;
        }
        String base = "clip-" + fingerprint.substring("sha256:".length());
        String weightsName = ship(spark, Path.of(weights), base + "-" + Path.of(weights).getFileName());
        String configName = config == null ? null : ship(spark, Path.of(config), base + "-" + Path.of(config)
                .getFileName());
        return new ClipSource(weightsName, configName, preset, fingerprint, true);
    }

    private static synchronized String ship(SparkContext spark, Path file, String name) throws IOException {
        if (staging == null) {
            staging = Files.createTempDirectory("swapae-shipped-clip");
            staging.toFile().deleteOnExit();
        }
        Path link = staging.resolve(name);
        if (!Files.exists(link)) {
            // a hard link (or a copy across file systems), not a symbolic one: addFile names a file by its canonical path
            try {
                Files.createLink(link, file.toAbsolutePath());
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, link);
            }
            link.toFile().deleteOnExit();
        }
        if (SHIPPED.add(spark.applicationId() + "/" + name)) {
            spark.addFile(link.toString());
        }
        return name;
    }

    /** The architecture. */
    public ClipConfig architecture() throws IOException {
        return config != null ? ClipConfig.fromOpenClip(local(config)) : ClipConfig.preset(preset);
    }

    /** Where this executor reads {@code file}: the path, or the local copy of a shipped file. */
    private Path local(String file) {
        return shipped ? Path.of(SparkFiles.get(file)) : Path.of(file);
    }

    /** Reads, checks and builds the model on {@code device}. */
    public ClipModel load(Device device) throws IOException, CheckpointException {
        ClipConfig architecture = architecture();
        StateDict tensors = ClipWeights.read(local(weights));
        ClipWeights.check(tensors, architecture);
        return ClipModel.create(architecture, tensors, device);
    }

    /** {@code sha256:} and the first 16 hex digits of the SHA-256 of {@code file}. */
    static String fingerprint(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
