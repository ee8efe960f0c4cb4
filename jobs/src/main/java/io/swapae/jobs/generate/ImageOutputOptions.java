package io.swapae.jobs.generate;

import picocli.CommandLine.Option;

/** The command-line options of how generated pictures are kept, shared by the generating commands (a picocli mixin). */
public final class ImageOutputOptions {

    @Option(names = "--format", defaultValue = "png", description = "png or jpeg (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--quality", defaultValue = "95", paramLabel = "Q", description = "JPEG quality 1..100 (default: ${DEFAULT-VALUE})")
    int quality;

    @Option(names = "--store", defaultValue = "files", description = "files (one per picture), parquet (bytes in"
            + " OUT/generated) or both (default: ${DEFAULT-VALUE})")
    String store;

    /** The validated image output. */
    public ImageOutput imageOutput() {
        return ImageOutput.of(format, quality, store);
    }
}
