package io.swapae.jobs.sequences;

import io.swapae.jobs.encode.EncodeCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swapae sequences recursive}: chains of frames decoded, encoded again, transformed, and decoded again. */
@Command(name = "recursive", mixinStandardHelpOptions = true,
        description = {"Each chain decodes its code into a frame, encodes the frame again with the same model,"
                + " zooms/rotates/moves the structure code, optionally edits and drifts the texture, and repeats."
                + " Chains run in parallel; a chain that fails is reported and the others complete."})
public final class RecursiveCommand implements Callable<Integer> {

    @Option(names = "--codes", required = true, paramLabel = "ROOT/codes", description = "the codes table of an encode run")
    String codes;

    @Option(names = "--start", split = ",", paramLabel = "ID", description = "codes the chains start from: ids or prefixes of at least 8 hex digits")
    List<String> start;

    @Option(names = "--sample", defaultValue = "0", paramLabel = "N", description = "instead of --start: N codes drawn at random (seeded)")
    int sample;

    @Option(names = "--steps", defaultValue = "24", paramLabel = "N", description = "frames per chain (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--zoom", defaultValue = "1.05", paramLabel = "Z", description = "magnification per step (default: ${DEFAULT-VALUE})")
    double zoom;

    @Option(names = "--rotate", defaultValue = "0", paramLabel = "DEG", description = "degrees per step, counter-clockwise (default: ${DEFAULT-VALUE})")
    double rotate;

    @Option(names = "--translate", defaultValue = "0,0", paramLabel = "DX,DY", description = "code cells per step, right and down (default: ${DEFAULT-VALUE})")
    String translate;

    @Option(names = "--edit-catalogue", paramLabel = "CAT", description = "a direction catalogue written by swapae directions")
    String editCatalogue;

    @Option(names = "--edit-component", defaultValue = "0", paramLabel = "K", description = "the catalogue component to move along (default: ${DEFAULT-VALUE})")
    int editComponent;

    @Option(names = "--edit-strength", defaultValue = "0", paramLabel = "S", description = "standard deviations moved per step (default: ${DEFAULT-VALUE})")
    double editStrength;

    @Option(names = "--texture-drift", defaultValue = "0", paramLabel = "D", description = "length of a random step of the texture per frame (default: ${DEFAULT-VALUE})")
    double textureDrift;

    @Option(names = "--reverse", description = "write the frames last first (a zoom in plays as a zoom out)")
    boolean reverse;

    @Mixin
    VideoOutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The validated options of the effect. */
    RecursiveOptions options() {
        String[] parts = translate.split(",", -1);
        double[] d = new double[2];
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            d[0] = Double.parseDouble(parts[0].trim());
            d[1] = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--translate takes DX,DY (two numbers of code cells), got '"
                    + translate + "'");
        }
        return new RecursiveOptions(codes, start, sample, steps, zoom, rotate, d[0], d[1], editCatalogue,
                editComponent, editStrength, textureDrift, reverse);
    }

    @Override
    public Integer call() throws Exception {
        SequenceOptions shared = output.options();
        RecursiveOptions effect = options();
        SequencesSummary s = new RecursiveJob(EncodeCommand.session(), shared, effect, spec.commandLine().getErr(),
                System.console() != null).run();
        return SequencesCommand.report(spec.commandLine().getOut(), s, shared.output());
    }
}
