package io.swapae.jobs.mix;

import io.swapae.jobs.encode.EncodeCommand;
import io.swapae.jobs.generate.DecoderOptions;
import io.swapae.jobs.generate.ImageOutputOptions;
import java.io.PrintWriter;
import org.apache.hadoop.fs.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swapae mix}: a grid of texture swaps, texture interpolations, structure blends or edits of encoded images. */
@Command(name = "mix", mixinStandardHelpOptions = true,
        description = {"Decode a grid of mixed codes: rows are structure sources, columns texture sources (swap),"
                + " the steps between two texture sources (interpolate), right structure sources joined side by"
                + " side with the row's (blend) or strengths along a catalogue direction (edit). Writes each cell as"
                + " a picture, grid pictures, a row per cell in OUT/generated and OUT/_run.json; a rerun skips the"
                + " cells already written."})
public final class MixCommand implements Callable<Integer> {

    @Option(names = "--codes", required = true, paramLabel = "ROOT/codes", description = "the codes table of an encode run")
    String codes;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "the output root (file://, s3a://, hdfs://)")
    String output;

    @Option(names = "--op", defaultValue = "swap", description = "swap, interpolate, blend or edit (default: ${DEFAULT-VALUE})")
    String op;

    @Option(names = "--rows", split = ",", paramLabel = "ID",
            description = "structure sources (left ones for blend, the codes edited for edit): code ids or prefixes"
                    + " of at least 8 hex digits")
    List<String> rows;

    @Option(names = "--columns", split = ",", paramLabel = "ID",
            description = "texture sources (two for interpolate; right structure sources for blend; none for edit):"
                    + " code ids or prefixes of at least 8 hex digits")
    List<String> columns;

    @Option(names = "--sample", defaultValue = "0", paramLabel = "N",
            description = "N codes drawn at random (seeded) as rows, and as columns (swap) or the two ends (interpolate)")
    int sample;

    @Option(names = "--filter", paramLabel = "SQL",
            description = "with --sample: draw from the codes passing this Spark SQL condition, e.g. \"width >= 512\"")
    String filter;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the sample and of the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--steps", defaultValue = "5", paramLabel = "N", description = "interpolation steps, ends included (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--slerp", description = "interpolate along the great circle instead of the straight line")
    boolean slerp;

    @Option(names = "--seam", defaultValue = "2", paramLabel = "N",
            description = "blend: code cells over which the left structure cross-fades into the right (default: ${DEFAULT-VALUE})")
    int seam;

    @Option(names = "--feather", defaultValue = "cosine", description = "blend: linear or cosine cross-fade (default: ${DEFAULT-VALUE})")
    String feather;

    @Option(names = "--blend-texture", defaultValue = "left", paramLabel = "left|right|regions|ID",
            description = "blend: the left or right source's texture, one code's texture, or regions (each side keeps"
                    + " its own texture, interpolated across the seam) (default: ${DEFAULT-VALUE})")
    String blendTexture;

    @Option(names = "--catalogue", paramLabel = "CAT", description = "edit: a catalogue folder written by swapae directions")
    String catalogue;

    @Option(names = "--component", defaultValue = "0", paramLabel = "K",
            description = "edit: the catalogue component moved along, 0 for the largest variance (default: ${DEFAULT-VALUE})")
    int component;

    @Option(names = "--strengths", split = ",", defaultValue = "-3,-1.5,0,1.5,3", paramLabel = "S",
            description = "edit: one column per strength, in standard deviations of the component (default: ${DEFAULT-VALUE})")
    List<Double> strengths;

    @Option(names = "--region", split = ",", paramLabel = "x0,y0,x1,y1",
            description = "edit with a structure-local catalogue: only the code cells x0 <= x < x1, y0 <= y < y1")
    List<Integer> region;

    @Option(names = "--tile", defaultValue = "8", paramLabel = "K", description = "at most K×K cells per grid picture (default: ${DEFAULT-VALUE})")
    int tile;

    @Mixin
    DecoderOptions decoder;

    @Mixin
    ImageOutputOptions images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The validated options. */
    MixOptions options() {
        return new MixOptions(codes, output, MixOp.parse(op), rows, columns, sample, seed, steps, slerp, tile,
                decoder.model(), decoder.batchSize(), decoder.device(), images.imageOutput(),
                new BlendOptions(seam, BlendOptions.feather(feather), blendTexture),
                new EditOptions(catalogue, component, strengths, EditOptions.Region.of(region)), filter);
    }

    @Override
    public Integer call() throws Exception {
        MixSummary r = new MixJob(EncodeCommand.session(), options(), spec.commandLine().getErr(),
                System.console() != null).run();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "mix %s: %d cells (%d written, %d already there), %d grid pictures in %.1f s; %s%n",
                op, r.cells(), r.written(), r.skipped(), r.grids().size(), r.seconds(), output);
        if (r.gallery() != null) {
            out.println("gallery: " + new Path(output, "index.html"));
        }
        out.flush();
        return 0;
    }
}
