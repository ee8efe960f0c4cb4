package io.swapae.jobs.sequences;

import io.swapae.jobs.encode.EncodeCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swapae sequences train-ride}: a window sliding along pictures joined side by side. */
@Command(name = "train-ride", mixinStandardHelpOptions = true,
        description = {"Joins the pictures' structure codes side by side with feathered seams into one strip,"
                + " decodes it in overlapping tiles, and slides a picture-wide window along it."})
public final class TrainRideCommand implements Callable<Integer> {

    @Option(names = "--codes", required = true, paramLabel = "ROOT/codes", description = "the codes table of an encode run")
    String codes;

    @Option(names = "--ids", split = ",", paramLabel = "ID", description = "the pictures left to right: ids or prefixes of at least 8 hex digits")
    List<String> ids;

    @Option(names = "--sample", defaultValue = "0", paramLabel = "N", description = "instead of --ids: N codes drawn at random (seeded)")
    int sample;

    @Option(names = "--frames", defaultValue = "48", paramLabel = "F", description = "frames of the ride (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--speed", defaultValue = "8", paramLabel = "PX_PER_FRAME", description = "pixels per frame (default: ${DEFAULT-VALUE})")
    int speed;

    @Option(names = "--seam", defaultValue = "2", paramLabel = "N", description = "code columns of cross-fade between pictures (default: ${DEFAULT-VALUE})")
    int seam;

    @Option(names = "--interpolate-textures", description = "move the texture from picture to picture (default: the first picture's)")
    boolean interpolateTextures;

    @Option(names = "--margin", defaultValue = "2", paramLabel = "N", description = "code columns of context decoded on each side of a tile and cropped (default: ${DEFAULT-VALUE})")
    int margin;

    @Mixin
    VideoOutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The validated options of the effect. */
    TrainRideOptions options() {
        return new TrainRideOptions(codes, ids, sample, frames, speed, seam, interpolateTextures, margin);
    }

    @Override
    public Integer call() throws Exception {
        SequenceOptions shared = output.options();
        TrainRideOptions effect = options();
        SequencesSummary s = new TrainRideJob(EncodeCommand.session(), shared, effect, spec.commandLine().getErr(),
                System.console() != null).run();
        return SequencesCommand.report(spec.commandLine().getOut(), s, shared.output());
    }
}
