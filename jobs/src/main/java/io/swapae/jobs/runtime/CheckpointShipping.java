package io.swapae.jobs.runtime;

import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.Fingerprint;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.SparkContext;

/**
 * Ships a checkpoint on the driver's disk to a cluster's executors ({@code SparkContext.addFile}; executors open it
 * with {@code SparkFiles.get}). What is shipped is swapae's safetensors, written from the weights the driver loads:
 * it carries the architecture in its header, so executors need neither the checkpoint's folder name nor its
 * {@code opt.txt}, it holds only the encoder and generator, and it is named by fingerprint, so two models never
 * share a name. Each model is written once per driver JVM, in a temporary folder deleted when the JVM exits.
 */
final class CheckpointShipping {

    private static final Set<String> SHIPPED = new HashSet<>();
    private static Path staging;

    private CheckpointShipping() {
    }

    /** Ships the checkpoint at {@code checkpoint}, whose weights must have {@code fingerprint}; returns its name. */
    static synchronized String ship(SparkContext spark, Path checkpoint, Fingerprint fingerprint) throws IOException {
        if (staging == null) {
            staging = Files.createTempDirectory("swapae-shipped");
            staging.toFile().deleteOnExit();
        }
        String name = "model-" + fingerprint.sha256().substring(0, 16) + ".safetensors";
        Path staged = staging.resolve(name);
        if (!Files.exists(staged)) {
            ModelWeights weights = CheckpointLoader.load(checkpoint);
            if (!weights.fingerprint().equals(fingerprint)) {
                throw new CheckpointException(checkpoint + " changed while the job was starting: its weights now have"
                        + " fingerprint " + weights.fingerprint() + ", not " + fingerprint);
            }
            Path written = staging.resolve(name + ".tmp");
            SafetensorsWriter.write(weights, written);
            staged.toFile().deleteOnExit();
            Files.move(written, staged, StandardCopyOption.ATOMIC_MOVE);
        }
        if (SHIPPED.add(spark.applicationId() + "/" + name)) {
            spark.addFile(staged.toString());
        }
        return name;
    }
}
