package io.swapae.jobs.augment;

import io.swapae.jobs.encode.EncodeCommand;
import io.swapae.jobs.generate.DecoderOptions;
import io.swapae.jobs.generate.ImageOutputOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swapae augment}: variants of every code of a codes table, for training data. */
@Command(name = "augment", mixinStandardHelpOptions = true,
        description = {"Augment a dataset: N variants of every code, each a texture swap with a donor, a direction"
                + " edit or a structure blend with a donor, drawn at random (seeded). Writes the pictures, a row per"
                + " picture in OUT/generated (params say how it was made), a gallery and OUT/_run.json; a rerun"
                + " skips what is already there."})
public final class AugmentCommand implements Callable<Integer> {

    @Option(names = "--codes", required = true, paramLabel = "ROOT/codes", description = "the codes table of an encode run")
    String codes;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "the output root (file://, s3a://, hdfs://)")
    String output;

    @Option(names = "--per-image", defaultValue = "4", paramLabel = "N", description = "variants of each code (default: ${DEFAULT-VALUE})")
    int perImage;

    @Option(names = "--ops", split = ",", defaultValue = "swap,blend", paramLabel = "OP",
            description = "the operations a variant is drawn from: swap, edit (needs --catalogue), blend"
                    + " (default: ${DEFAULT-VALUE})")
    List<String> ops;

    @Option(names = "--catalogue", paramLabel = "CAT", description = "the direction catalogue edits move along (written by swapae directions)")
    String catalogue;

    @Option(names = "--max-sigma", defaultValue = "" + AugmentOptions.DEFAULT_MAX_SIGMA, paramLabel = "K",
            description = "edit strengths are drawn uniformly in ±K standard deviations (default: ${DEFAULT-VALUE})")
    double maxSigma;

    @Option(names = "--components", defaultValue = "0", paramLabel = "C",
            description = "edits use the catalogue's first C components (default: all it keeps)")
    int components;

    @Option(names = "--donors", defaultValue = "" + AugmentOptions.DEFAULT_DONORS, paramLabel = "D",
            description = "size of the donor pool for swaps and blends, a seeded sample of the codes sent to every"
                    + " executor (default: ${DEFAULT-VALUE})")
    int donors;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the donors, the variants and the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--filter", paramLabel = "SQL", description = "a Spark SQL condition on the codes table, e.g. \"model = 'sha256:…'\"")
    String filter;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "spread the codes over N tasks first (default: as the codes table is read)")
    int partitions;

    @Mixin
    DecoderOptions decoder;

    @Mixin
    ImageOutputOptions images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The validated options. */
    AugmentOptions options() {
        return new AugmentOptions(codes, output, perImage, AugmentOp.parseAll(ops), catalogue, maxSigma, components,
                donors, seed, filter, decoder.model(), decoder.batchSize(), decoder.device(), partitions,
                images.imageOutput());
    }

    @Override
    public Integer call() throws Exception {
        AugmentOptions options = options();
        AugmentSummary r = new AugmentJob(EncodeCommand.session(), options, spec.commandLine().getErr(),
                System.console() != null).run();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "augment: %d codes, %d variants (%d written, %d already there) in %.1f s; %s%n",
                r.codes(), r.variants(), r.written(), r.skipped(), r.seconds(), output);
        if (r.gallery() != null) {
            out.println("gallery: " + new Path(output, "index.html"));
        }
        out.flush();
        return 0;
    }
}
