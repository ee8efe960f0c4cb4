package io.swapae.jobs.directions;

import io.swapae.jobs.encode.EncodeCommand;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swapae directions}: a direction catalogue (principal directions of codes) with previews. */
@Command(name = "directions", mixinStandardHelpOptions = true,
        description = {"Fit the principal directions of one model's codes (texture, whole structure, or per-location"
                + " structure) into a browsable catalogue: Parquet, catalogue.json, a safetensors export, preview"
                + " strips and index.html."})
public final class DirectionsCommand implements Callable<Integer> {

    @Option(names = "--codes", required = true, paramLabel = "ROOT/codes", description = "the codes table of an encode run")
    String codes;

    @Option(names = "--output", required = true, paramLabel = "CAT", description = "the catalogue folder (file://, s3a://, hdfs://)")
    String output;

    @Option(names = "--space", defaultValue = "texture",
            description = "texture, structure (whole codes, one shape) or structure-local (per location) (default: ${DEFAULT-VALUE})")
    String space;

    @Option(names = "--components", defaultValue = "" + DirectionsOptions.DEFAULT_COMPONENTS, paramLabel = "K",
            description = "directions kept (default: ${DEFAULT-VALUE})")
    int components;

    @Option(names = "--sample", defaultValue = "0", paramLabel = "N", description = "fit about N codes drawn at random (default: all)")
    long sample;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the sample, the preview codes and their noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--filter", paramLabel = "SQL", description = "a Spark SQL condition on the codes table, e.g. \"model = 'sha256:…'\"")
    String filter;

    @Option(names = "--model", paramLabel = "NAME|PATH|URI",
            description = "the model that made the codes, to decode previews: a released model's name, a checkpoint"
                    + " or its URI (default: the embedded model, if it made them)")
    String model;

    @Option(names = "--previews", paramLabel = "P", description = "components with a preview strip; 0: none, no model"
            + " needed (default: " + DirectionsOptions.DEFAULT_PREVIEWS + ", or --components when fewer)")
    Integer previews;

    @Option(names = "--preview-codes", defaultValue = "" + DirectionsOptions.DEFAULT_PREVIEW_CODES, paramLabel = "M",
            description = "codes per strip (default: ${DEFAULT-VALUE})")
    int previewCodes;

    @Option(names = "--batch-size", defaultValue = "8", description = "images per model call for previews (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--partitions", defaultValue = "0", description = "tasks of the fit; each holds an n×n float64 sum (default: Spark's default parallelism)")
    int partitions;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu for previews (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--id", description = "the catalogue id (default: derived from the codes and the options)")
    String id;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The validated options. */
    DirectionsOptions options() {
        return new DirectionsOptions(codes, output, CodeSpace.parse(space), components, sample, seed, filter, model,
                previews != null ? previews : Math.min(DirectionsOptions.DEFAULT_PREVIEWS, components), previewCodes,
                batchSize, partitions, device, id);
    }

    @Override
    public Integer call() throws Exception {
        DirectionsSummary r = new DirectionsJob(EncodeCommand.session(), options()).run();
        DirectionCatalogue c = r.catalogue();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "directions %s: %d %s directions of %d codes (%d vectors of %d values) in %.1f s"
                        + " (covariance %.1f s in %d tasks, eigen %.1f s); the kept directions explain %.1f %% of the"
                        + " variance; %d preview strips; %s%n", c.id(), c.directions().size(), c.space().label(),
                c.codes(), c.vectors(), c.dimension(), r.seconds(), r.fitSeconds(), r.partitions(), r.eigenSeconds(),
                100 * c.directions().stream().mapToDouble(DirectionCatalogue.Direction::explainedVarianceRatio).sum(),
                r.previews().size(), output);
        out.flush();
        return 0;
    }
}
