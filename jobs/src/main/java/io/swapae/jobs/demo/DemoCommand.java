package io.swapae.jobs.demo;

import io.swapae.jobs.encode.EncodeCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swapae demo}: sample landscapes encoded by the encode job and decoded into a swap grid with a page. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate sample landscapes, encode them with the encode job, and write their swap grid"
                + " (the structure code of each row's image with the texture code of each column's image) and an"
                + " index.html page. Runs Spark in local mode; under spark-submit the output folder must be on a file"
                + " system the executors share. Without --model it uses the embedded default model, whose weights are"
                + " untrained."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "DIR",
            description = "local folder to write into (default: ${DEFAULT-VALUE})")
    Path output = DemoOptions.DEFAULT_OUTPUT;

    @Option(names = "--images", paramLabel = "N", description = "sample landscapes (default: ${DEFAULT-VALUE})")
    int images = DemoOptions.DEFAULT_IMAGES;

    @Option(names = "--size", paramLabel = "N", description = "their side in pixels (default: the model's input size)")
    Integer size;

    @Option(names = "--seed", paramLabel = "N",
            description = "seed of the landscapes and of the noise (default: ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--model", paramLabel = "NAME|PATH|URI",
            description = "a released model's name (mountain; `swapae models get` puts it in the model cache), a"
                    + " checkpoint (.pth with opt.txt, or .safetensors) or its URI; default: the embedded untrained"
                    + " model")
    String model;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DemoOptions options = new DemoOptions(output, images, size, seed, model);
        DemoModel demoModel = DemoModel.resolve(options.model(), options.size());
        spec.commandLine().getErr().printf(Locale.ROOT, "swapae demo: %d landscapes into %s: encoding them, then"
                + " generating %d swaps...%n", options.images(), options.output().toAbsolutePath().normalize(),
                options.images() * options.images());
        spec.commandLine().getErr().flush();
        Demo.Result r = new Demo(EncodeCommand.session(), options, demoModel).run();
        PrintWriter out = spec.commandLine().getOut();
        int n = r.samples().size();
        out.printf(Locale.ROOT, "swapae demo: %d landscapes of %dx%d (seed %d), encoded by the encode job on Spark %s,"
                + " decoded into a %dx%d swap grid%n", n, r.sampleSize(), r.sampleSize(), r.options().seed(),
                r.master(), n + 1, n + 1);
        out.printf(Locale.ROOT, "model:   %s%n         fingerprint %s, preprocessing %s%n", r.model().name(),
                r.encode().model(), r.preprocess());
        if (r.model().untrained()) {
            out.printf(Locale.ROOT, "note:    the model is untrained (random weights): its reconstructions and swaps"
                    + " come out as%n         near-uniform gray with faint noise, nothing like the inputs.%n"
                    + "         For a real model: %s%n", DemoModel.REAL_MODEL_HINT);
        }
        out.printf(Locale.ROOT, "output:  %s%n", r.output());
        out.printf(Locale.ROOT, "  inputs  %s (%d PNG)%n", r.output().resolve("samples"), n);
        out.printf(Locale.ROOT, "  codes   %s (errors and _run.json beside it): %d encoded now, %d skipped"
                + " (already in the tables), %d errors%n", r.encodeRoot().resolve("codes"), r.encode().encoded(),
                r.encode().skipped(), r.encode().failed());
        out.printf(Locale.ROOT, "  grid    %s (row: structure code, column: texture code, diagonal:"
                + " reconstructions)%n", r.grid());
        out.printf(Locale.ROOT, "  page    %s%n", r.page());
        out.flush();
        return 0;
    }
}
