package io.swapae.jobs.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options of {@code swapae demo}, validated when built: every message names the option, the value found and
 * what is accepted.
 *
 * @param output  the local folder the demo writes into (created when missing; a rerun reuses it)
 * @param images  how many sample landscapes to generate: the grid has {@code (images + 1)²} cells
 * @param size    the side of the samples in pixels; {@code null} for the model's own input size
 * @param seed    the seed of the samples and of the generator's noise
 * @param model   the model to run, {@code null} for the embedded default (untrained) model
 */
public record DemoOptions(Path output, int images, Integer size, long seed, String model) {

    /** Where the demo writes when {@code --output} is not given. */
    public static final Path DEFAULT_OUTPUT = Path.of("swapae-demo");
    /** Sample landscapes by default. */
    public static final int DEFAULT_IMAGES = 6;
    /** The most samples: a 17×17 grid of generated images already takes minutes on a CPU. */
    public static final int MAX_IMAGES = 16;
    /** The smallest and largest sample side accepted. */
    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 2048;

    public DemoOptions {
        if (output == null || output.toString().isBlank()) {
            throw new IllegalArgumentException("--output: a folder is required");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IllegalArgumentException("--output " + output + ": exists and is not a folder");
        }
        if (images < 1 || images > MAX_IMAGES) {
            throw new IllegalArgumentException("--images must be in 1.." + MAX_IMAGES + ", got " + images);
        }
        if (size != null && (size < MIN_SIZE || size > MAX_SIZE)) {
            throw new IllegalArgumentException("--size must be in " + MIN_SIZE + ".." + MAX_SIZE + " pixels, got "
                    + size);
        }
        if (model != null && model.isBlank()) {
            throw new IllegalArgumentException("--model: a checkpoint path is required after --model, got nothing");
        }
    }
}
