package io.swapae.jobs;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.image.ImageEncoder;
import io.swapae.image.Preprocess;
import io.swapae.jobs.directions.DirectionsBenchmark;
import io.swapae.jobs.encode.EncodeBenchmark;
import io.swapae.jobs.encode.EncodeCommand;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.generate.ImageOutput;
import io.swapae.jobs.guide.GuideBenchmark;
import io.swapae.guidance.GuidanceTarget;
import io.swapae.jobs.mix.MixBenchmark;
import io.swapae.jobs.models.ModelReferences;
import io.swapae.model.Architecture;
import io.swapae.model.ComputePath;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.ModelBenchmark;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swapae bench}: throughput benchmarks that print figures (never pass/fail). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Model.class, BenchCommand.Encode.class, BenchCommand.Pca.class,
            BenchCommand.Mix.class, BenchCommand.Guide.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: model, encode, pca");
    }

    /** {@code swapae bench model}: encode and generate images/s, GFLOP/s and peak RSS per batch size. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Encode and generate throughput of the model on this machine's CPU.")
    static final class Model implements Callable<Integer> {

        @Option(names = "--size", defaultValue = "256", description = "square input side in pixels (default: ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--batch", split = ",", defaultValue = "1,4,8", description = "batch sizes (default: ${DEFAULT-VALUE})")
        List<Integer> batches;

        @Option(names = "--threads", description = "intra-op threads (default: all cores)")
        Integer threads;

        @Option(names = "--model", paramLabel = "NAME|PATH|URI", description = "a released model's name (from the model"
                + " cache), a checkpoint or its URI; default: the official 256 px architecture with random weights")
        String model;

        @Option(names = "--precision", defaultValue = "fp32",
                description = "fp32 or fp16 (float16 weights and convolutions) (default: ${DEFAULT-VALUE})")
        String precision;

        @Option(names = "--warmup", defaultValue = "1", description = "untimed runs per measurement (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--runs", defaultValue = "3", description = "timed runs per measurement, median reported (default: ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--json", description = "one JSON object per line per batch size")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            for (int b : batches) {
                if (b < 1) {
                    throw new IllegalArgumentException("--batch values must be >= 1, got " + b);
                }
            }
            if (threads != null && threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            Precision p = Precision.parse(precision);
            Architecture arch;
            SwappingAutoencoder network;
            String source;
            if (model != null) {
                ModelWeights weights = CheckpointLoader.load(ModelReferences.official(null).localFile(model));
                arch = weights.architecture();
                network = SwappingAutoencoder.create(arch, weights.tensors(), Device.cpu(), ComputePath.FAST,
                        p.dataType());
                source = weights.fingerprint().toString();
            } else {
                arch = Architecture.DEFAULT;
                network = SwappingAutoencoder.create(arch, RandomWeights.of(arch, 0), Device.cpu(), ComputePath.FAST,
                        p.dataType());
                source = "random weights, official default architecture";
            }
            Engine.getEngine("PyTorch");
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            JniUtils.setNumThreads(t);
            PrintWriter out = spec.commandLine().getOut();
            try (network) {
                ModelBenchmark bench = new ModelBenchmark(network, size, size, warmup, runs);
                if (!json) {
                    out.printf(Locale.ROOT, "model: %s; input %dx%d; %s (weights %d MB); %d threads; allocator: %s%n",
                            source, size, size, p, network.weightBytes() >> 20, t, ModelBenchmark.allocator());
                    out.printf(Locale.ROOT, "%6s %14s %16s %12s %14s %13s%n", "batch", "encode img/s",
                            "generate img/s", "enc GFLOP/s", "gen GFLOP/s", "peak RSS MB");
                }
                ObjectMapper mapper = new ObjectMapper();
                for (int b : batches) {
                    ModelBenchmark.Result r = bench.run(b);
                    if (json) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("batch", r.batch());
                        row.put("encode_images_per_s", round(r.encodeImagesPerSecond()));
                        row.put("generate_images_per_s", round(r.generateImagesPerSecond()));
                        row.put("encode_gflops", round(r.encodeGflops()));
                        row.put("generate_gflops", round(r.generateGflops()));
                        row.put("peak_rss_mb", r.peakRssMb());
                        row.put("size", size);
                        row.put("precision", p.toString());
                        row.put("weights_mb", network.weightBytes() >> 20);
                        row.put("threads", t);
                        row.put("allocator", ModelBenchmark.allocator());
                        out.println(mapper.writeValueAsString(row));
                    } else {
                        out.printf(Locale.ROOT, "%6d %14.2f %16.2f %12.1f %14.1f %13d%n", r.batch(),
                                r.encodeImagesPerSecond(), r.generateImagesPerSecond(), r.encodeGflops(),
                                r.generateGflops(), r.peakRssMb());
                    }
                    out.flush();
                }
            }
            return 0;
        }

    }

    /** {@code swapae bench encode}: the encode job end to end on a generated dataset, against the model alone. */
    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "End-to-end encode throughput (Spark local mode) on generated images vs the model alone.")
    static final class Encode implements Callable<Integer> {

        @Option(names = "--images", defaultValue = "512", description = "images to generate (default: ${DEFAULT-VALUE})")
        int images;

        @Option(names = "--size", defaultValue = "256", description = "their side in pixels (default: ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--batch", defaultValue = "8", description = "batch size (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--work", description = "working folder (default: a temporary one, deleted afterwards)")
        Path work;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (images < 1 || size < 16 || batch < 1) {
                throw new IllegalArgumentException("--images and --batch must be >= 1 and --size >= 16, got "
                        + images + ", " + batch + ", " + size);
            }
            Path dir = work != null ? work : Files.createTempDirectory("swapae-bench-encode");
            EncodeModel model = EncodeModel.embeddedDefault(
                    Preprocess.of("scale_shortside_and_crop", 256, 256), RuntimeOptions.DEFAULT);
            try {
                EncodeBenchmark.Result r = new EncodeBenchmark(EncodeCommand.session(), model)
                        .run(dir, images, size, batch);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("images", r.images());
                    row.put("batch", r.batch());
                    row.put("job_images_per_s", round(r.jobImagesPerSecond()));
                    row.put("model_images_per_s", round(r.modelImagesPerSecond()));
                    row.put("efficiency", round(r.efficiency()));
                    row.put("allocator", ModelBenchmark.allocator());
                    out.println(new ObjectMapper().writeValueAsString(row));
                } else {
                    out.printf(Locale.ROOT, "encode job: %d images %dx%d, batch %d: %.2f images/s end to end, "
                                    + "%.2f images/s model alone: %.0f %%%n", r.images(), r.size(), r.size(),
                            r.batch(), r.jobImagesPerSecond(), r.modelImagesPerSecond(), 100 * r.efficiency());
                }
                out.flush();
            } finally {
                if (work == null) {
                    deleteTree(dir);
                }
            }
            return 0;
        }
    }

    /** {@code swapae bench mix}: a swap grid of the mix job end to end, against the model's generate alone. */
    @Command(name = "mix", mixinStandardHelpOptions = true,
            description = "Mix job throughput (Spark local mode) on a swap grid of sample landscapes vs the model's"
                    + " generate alone.")
    static final class Mix implements Callable<Integer> {

        @Option(names = "--side", defaultValue = "8", description = "grid rows and columns (default: ${DEFAULT-VALUE})")
        int side;

        @Option(names = "--batch", defaultValue = "8", description = "batch size (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--format", defaultValue = "png", description = "png or jpeg (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--store", defaultValue = "files", description = "files, parquet or both (default: ${DEFAULT-VALUE})")
        String store;

        @Option(names = "--work", description = "working folder (default: a temporary one, deleted afterwards)")
        Path work;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (side < 2 || side > 64 || batch < 1) {
                throw new IllegalArgumentException("--side must be in 2..64 and --batch >= 1, got " + side + ", "
                        + batch);
            }
            ImageOutput images = ImageOutput.of(format, ImageEncoder.DEFAULT_JPEG_QUALITY, store);
            Path dir = work != null ? work : Files.createTempDirectory("swapae-bench-mix");
            try {
                MixBenchmark.Result r = new MixBenchmark(EncodeCommand.session()).run(dir, side, batch, images);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("cells", r.cells());
                    row.put("batch", r.batch());
                    row.put("format", r.format());
                    row.put("store", store);
                    row.put("job_cells_per_s", round(r.jobCellsPerSecond()));
                    row.put("model_images_per_s", round(r.modelImagesPerSecond()));
                    row.put("efficiency", round(r.efficiency()));
                    out.println(new ObjectMapper().writeValueAsString(row));
                } else {
                    out.printf(Locale.ROOT, "mix job: %dx%d swap grid of %dx%d cells (%s, --store %s), batch %d: %.2f"
                                    + " cells/s end to end, %.2f images/s model generate alone: %.0f %%%n", side, side,
                            r.size(), r.size(), r.format(), store, r.batch(), r.jobCellsPerSecond(),
                            r.modelImagesPerSecond(), 100 * r.efficiency());
                }
                out.flush();
            } finally {
                if (work == null) {
                    deleteTree(dir);
                }
            }
            return 0;
        }
    }

    /** {@code swapae bench guide}: CLIP guidance steps per second per pair, alone and batched. */
    @Command(name = "guide", mixinStandardHelpOptions = true,
            description = "CLIP guidance steps/s per pair with the default-size model and a ViT-B/32-sized CLIP"
                    + " (random weights, nothing downloaded), batch 1 vs batch B.")
    static final class Guide implements Callable<Integer> {

        @Option(names = "--size", defaultValue = "256", description = "picture side in pixels (default: ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--batch", defaultValue = "4", description = "pairs per batch (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--steps", defaultValue = "3", description = "timed steps (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--cutouts", defaultValue = "8", description = "cutouts per step (default: ${DEFAULT-VALUE})")
        int cutouts;

        @Option(names = "--target", defaultValue = "texture", description = "texture, structure or both (default: ${DEFAULT-VALUE})")
        String target;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            GuideBenchmark.Result r = GuideBenchmark.run(size, batch, steps, cutouts, GuidanceTarget.parse(target));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("size", r.side());
                row.put("batch", r.batch());
                row.put("cutouts", r.cutouts());
                row.put("target", target);
                row.put("alone_steps_per_s", round(r.aloneStepsPerSecond()));
                row.put("batched_steps_per_s_per_pair", round(r.batchedStepsPerSecond()));
                row.put("speed_up", round(r.speedUp()));
                out.println(new ObjectMapper().writeValueAsString(row));
            } else {
                out.printf(Locale.ROOT, "guide: %d² pictures, %d cutouts, --target %s: %.3f steps/s per pair alone,"
                                + " %.3f at batch %d (%.2fx)%n", r.side(), r.cutouts(), target,
                        r.aloneStepsPerSecond(), r.batchedStepsPerSecond(), r.batch(), r.speedUp());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code swapae bench pca}: the directions fit (read, covariance, eigen) on generated texture codes. */
    @Command(name = "pca", mixinStandardHelpOptions = true,
            description = "Directions fit on generated texture codes (Spark local mode), optionally against MLlib's RowMatrix.")
    static final class Pca implements Callable<Integer> {

        @Option(names = "--rows", defaultValue = "100000", description = "texture codes to generate (default: ${DEFAULT-VALUE})")
        long rows;

        @Option(names = "--dimension", defaultValue = "2048", description = "values per texture code (default: ${DEFAULT-VALUE})")
        int dimension;

        @Option(names = "--components", defaultValue = "20", description = "directions kept (default: ${DEFAULT-VALUE})")
        int components;

        @Option(names = "--partitions", defaultValue = "0", description = "tasks of the fit (default: Spark's default parallelism)")
        int partitions;

        @Option(names = "--mllib", description = "also time MLlib's RowMatrix.computeCovariance on the same codes")
        boolean mllib;

        @Option(names = "--work", description = "working folder (default: a temporary one, deleted afterwards)")
        Path work;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (rows < 2 || dimension < 1 || components < 1 || components > dimension) {
                throw new IllegalArgumentException("--rows must be >= 2, --dimension >= 1 and --components in"
                        + " 1..--dimension, got " + rows + ", " + dimension + ", " + components);
            }
            Path dir = work != null ? work : Files.createTempDirectory("swapae-bench-pca");
            try {
                DirectionsBenchmark.Result r = new DirectionsBenchmark(EncodeCommand.session())
                        .run(dir, rows, dimension, components, partitions, mllib);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("rows", r.rows());
                    row.put("dimension", r.dimension());
                    row.put("partitions", r.partitions());
                    row.put("generate_s", round(r.generateSeconds()));
                    row.put("job_s", round(r.jobSeconds()));
                    row.put("covariance_s", round(r.covarianceSeconds()));
                    row.put("covariance_gflops", round(r.covarianceGflops()));
                    row.put("eigen_s", round(r.eigenSeconds()));
                    row.put("blas", r.blas());
                    row.put("eigen", r.eigen());
                    if (mllib) {
                        row.put("mllib_covariance_s", round(r.mllibSeconds()));
                        row.put("mllib_eigenvalue_difference", r.mllibEigenvalueDifference());
                        row.put("mllib_blas", r.mllibBlas());
                    }
                    out.println(new ObjectMapper().writeValueAsString(row));
                } else {
                    out.printf(Locale.ROOT, "directions fit: %d x %d texture codes (generated in %.1f s): %.1f s end to"
                                    + " end (read, covariance %.1f s in %d tasks at %.1f GFLOP/s, eigen %.1f s, catalogue)%n"
                                    + "  BLAS: %s; eigen: %s%n", r.rows(), r.dimension(), r.generateSeconds(),
                            r.jobSeconds(), r.covarianceSeconds(), r.partitions(), r.covarianceGflops(),
                            r.eigenSeconds(), r.blas(), r.eigen());
                    if (mllib) {
                        out.printf(Locale.ROOT, "MLlib RowMatrix.computeCovariance: %.1f s (read and covariance; %s);"
                                + " largest eigenvalue difference %.1e (relative)%n", r.mllibSeconds(), r.mllibBlas(),
                                r.mllibEigenvalueDifference());
                    }
                }
                out.flush();
            } finally {
                if (work == null) {
                    deleteTree(dir);
                }
            }
            return 0;
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
