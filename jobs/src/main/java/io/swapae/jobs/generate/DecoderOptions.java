package io.swapae.jobs.generate;

import picocli.CommandLine.Option;

/**
 * The command-line options of the model that decodes codes into pictures, shared by the generating commands (a
 * picocli mixin): which checkpoint, how many pictures per call, on which device.
 */
public final class DecoderOptions {

    @Option(names = "--model", paramLabel = "NAME|PATH|URI",
            description = "the model that made the codes: a released model's name, a checkpoint or its URI"
                    + " (default: the embedded model, if it made them)")
    String model;

    @Option(names = "--batch-size", defaultValue = "8", description = "pictures per model call (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
    String device;

    /** {@code --model}, {@code null} when not given. */
    public String model() {
        return model;
    }

    /** {@code --batch-size}. */
    public int batchSize() {
        return batchSize;
    }

    /** {@code --device}. */
    public String device() {
        return device;
    }
}
