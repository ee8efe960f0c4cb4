package io.swapae.jobs.sequences;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code swapae sequences}: videos made from codes, one subcommand per effect. */
@Command(name = "sequences", mixinStandardHelpOptions = true,
        description = {"Make videos from codes: frames decoded on the executors, each sequence written as PNG frames"
                + " (OUT/sequences/<id>/), a video (OUT/videos/<id>.mp4|gif), a manifest row per frame (OUT/frames),"
                + " OUT/_run.json and a page (OUT/index.html)."},
        subcommands = {UnsyncCommand.class, RecursiveCommand.class, TrainRideCommand.class})
public final class SequencesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "an effect is required: unsync, recursive or"
                + " train-ride");
    }

    /** Prints the one-line summary of a run and its failed sequences; returns the exit code, 1 when one failed. */
    static int report(PrintWriter out, SequencesSummary s, String output) {
        out.printf(Locale.ROOT, "sequences %s: %d of %d sequences (%d published before, left as they were), %d"
                + " frames, %d videos in %.1f s; %s%n", s.effect(), s.completed(), s.sequences(), s.skipped(),
                s.frames(), s.videos().size(), s.seconds(), output);
        for (Map.Entry<String, String> e : s.errors().entrySet()) {
            out.println("failed " + e.getKey() + ": " + e.getValue());
        }
        out.println("page: " + new org.apache.hadoop.fs.Path(output, "index.html"));
        out.flush();
        return s.errors().isEmpty() ? 0 : 1;
    }
}
