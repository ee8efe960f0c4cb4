package io.swapae.jobs.guide;

import io.swapae.guidance.GuidanceSettings;
import io.swapae.guidance.GuidanceTarget;
import io.swapae.jobs.encode.EncodeCommand;
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.generate.ImageOutput;
import io.swapae.jobs.models.ModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swapae guide}: CLIP guidance of texture and structure codes towards text or image prompts. */
@Command(name = "guide", mixinStandardHelpOptions = true,
        description = {"Optimise the texture and/or structure codes of encoded images so that their pictures match"
                + " text prompts (or an image) in CLIP's eyes, staying near the original codes. Every chosen code"
                + " × every prompt is one pair. Writes the optimised codes to OUT/guided, the pictures to"
                + " OUT/images/guide/ and OUT/generated, strips of intermediate steps on request, OUT/index.html"
                + " and OUT/_run.json; a rerun skips the pairs already done.",
                "Meaningful edits need a trained model (--model) and real CLIP weights (swapae models get"
                        + " clip-vit-b-32)."})
public final class GuideCommand implements Callable<Integer> {

    @Option(names = "--codes", required = true, paramLabel = "ROOT/codes", description = "the codes table of an encode run")
    String codes;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "the output root (file://, s3a://, hdfs://)")
    String output;

    @Option(names = "--prompts", paramLabel = "FILE|TEXT",
            description = "a prompt, or a file (*.txt) of one prompt per line")
    String prompts;

    @Option(names = "--image-prompt", paramLabel = "PATH", description = "guide towards this image's CLIP embedding instead of text")
    String imagePrompt;

    @Option(names = "--negative", paramLabel = "TEXT", description = "a text to move away from")
    String negative;

    @Option(names = "--target", defaultValue = "texture", description = "texture, structure or both (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--steps", defaultValue = "100", paramLabel = "N", description = "Adam steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--lr", defaultValue = "0.03", paramLabel = "X", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--lambda", defaultValue = "1.0", paramLabel = "L",
            description = "weight of ||code - original||² (default: ${DEFAULT-VALUE}); larger stays closer")
    double lambda;

    @Option(names = "--cutouts", defaultValue = "8", paramLabel = "K", description = "random cutouts CLIP sees per step (default: ${DEFAULT-VALUE})")
    int cutouts;

    @Option(names = "--cutout-size", defaultValue = "0.6", paramLabel = "F",
            description = "smallest cutout side, a fraction of the shorter side (default: ${DEFAULT-VALUE})")
    double cutoutSize;

    @Option(names = "--clip", defaultValue = GuideOptions.DEFAULT_CLIP, paramLabel = "NAME|PATH",
            description = "clip-vit-b-32 (from the model store), a folder with open_clip_config.json and"
                    + " open_clip_model.safetensors, or a ViT-B-32 weights file (default: ${DEFAULT-VALUE})")
    String clip;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "the model store (default: $" + ModelStore.ENV
            + ", else ~/.cache/swapae/models)")
    java.nio.file.Path modelsDir;

    @Option(names = "--region", paramLabel = "x0,y0,x1,y1",
            description = "change the structure only there (fractions of the picture); needs --target structure|both")
    String region;

    @Option(names = "--strip-every", defaultValue = "0", paramLabel = "K",
            description = "also decode the codes every K steps into a strip per pair (default: 0, none)")
    int stripEvery;

    @Option(names = "--sample", defaultValue = "0", paramLabel = "N", description = "guide N codes drawn at random (seeded)")
    int sample;

    @Option(names = "--ids", split = ",", paramLabel = "ID", description = "the codes to guide: ids or prefixes of at least 8 hex digits (default: all)")
    List<String> ids;

    @Option(names = "--model", paramLabel = "NAME|PATH|URI",
            description = "the model that made the codes (default: the embedded model, if it made them)")
    String model;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the sample, the cutouts and the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch-size", defaultValue = "4", description = "pairs optimised together (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--format", defaultValue = "png", description = "png or jpeg (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--quality", defaultValue = "95", paramLabel = "Q", description = "JPEG quality 1..100 (default: ${DEFAULT-VALUE})")
    int quality;

    @Option(names = "--store", defaultValue = "files", description = "files, parquet or both (default: ${DEFAULT-VALUE})")
    String store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The validated options; {@code --prompts} read from its file when it names one. */
    GuideOptions options(Configuration hadoop) throws IOException {
        GuidanceSettings settings = new GuidanceSettings(GuidanceTarget.parse(target), steps, lr, lambda, cutouts,
                cutoutSize, seed, stripEvery, GuideOptions.region(region));
        return new GuideOptions(codes, output, promptList(prompts, hadoop), imagePrompt, negative, settings, clip, ids,
                sample, model, seed, batchSize, device, ImageOutput.of(format, quality, store));
    }

    /** The prompts of {@code --prompts}: the lines of the file it names, or itself; none when not given. */
    static List<String> promptList(String value, Configuration hadoop) throws IOException {
        if (value == null) {
            return List.of();
        }
        boolean file = false;
        if (value.endsWith(".txt") || value.contains("://")) {
            file = true;
        } else {
            try {
                Path path = new Path(value);
                file = FileSystem.get(path.toUri(), hadoop).isFile(path);
            } catch (IllegalArgumentException | IOException e) {
                file = false;
            }
        }
        if (!file) {
            return List.of(value);
        }
        String text = new String(ImageFiles.read(value, hadoop), StandardCharsets.UTF_8);
        List<String> lines = Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("--prompts: the file " + value + " holds no prompt (one per line)");
        }
        return lines;
    }

    @Override
    public Integer call() throws Exception {
        var session = EncodeCommand.session();
        GuideSummary r = new GuideJob(session, options(session.sessionState().newHadoopConf()),
                ModelStore.at(modelsDir), spec.commandLine().getErr(), System.console() != null).run();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "guide: %d pairs (%d guided, %d already there), %d pictures, %d strips in %.1f s; %s%n",
                r.pairs(), r.guided(), r.skipped(), r.pictures(), r.strips().size(), r.seconds(), output);
        if (r.gallery() != null) {
            out.println("gallery: " + new Path(output, "index.html"));
        }
        out.flush();
        return 0;
    }
}
