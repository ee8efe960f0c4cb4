package io.swapae.jobs.encode;

import io.swapae.image.Preprocess;
import io.swapae.jobs.models.ModelReferences;
import io.swapae.jobs.runtime.CheckpointSource;
import io.swapae.jobs.storage.ObjectStorage;
import io.swapae.model.ComputePath;
import io.swapae.runtime.DeviceChoice;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swapae encode}: image datasets to structure/texture codes in Parquet. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode images into structure and texture codes (ROOT/codes), quarantining what cannot be"
                + " read (ROOT/errors). Reruns do only what is missing."})
public final class EncodeCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, split = ",", paramLabel = "URI",
            description = "image folders (recursive), text lists of URIs, or Parquet tables (URIs or image bytes)")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "ROOT", description = "output root (file://, s3a://, hdfs://)")
    String output;

    @Option(names = "--model", paramLabel = "NAME|PATH|URI",
            description = {"a released model's name (mountain; `swapae models get` puts it in the model cache),"
                    + " a checkpoint file (.pth with opt.txt or in a <name>_pretrained folder, or .safetensors)"
                    + " or its s3a://, hdfs:// or file:// URI; default: the embedded untrained model"})
    String model;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "the model cache that names are looked up in"
                    + " (default: $SWAPAE_MODELS, else ~/.cache/swapae/models)")
    Path modelsDir;

    @Option(names = "--preprocess", paramLabel = "MODE", description = "official preprocess mode (default: the model's)")
    String preprocess;

    @Option(names = "--load-size", paramLabel = "N", description = "with --preprocess")
    Integer loadSize;

    @Option(names = "--crop-size", paramLabel = "N", description = "with --preprocess (default: --load-size)")
    Integer cropSize;

    @Option(names = "--batch-size", defaultValue = "8", description = "images per model call (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--partitions", defaultValue = "0", description = "partitions of the encoding stage (default: Spark's default parallelism)")
    int partitions;

    @Option(names = "--retry-errors", description = "also retry inputs already in ROOT/errors")
    boolean retryErrors;

    @Option(names = "--max-pixels", defaultValue = "50000000", description = "refuse larger images before decoding (default: ${DEFAULT-VALUE})")
    long maxPixels;

    @Option(names = "--device", defaultValue = "auto",
            description = "auto (the task's GPU when Spark assigned one, else CPU), cpu or gpu (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--precision", defaultValue = "fp32",
            description = "fp32 (the official numbers) or fp16 (float16 weights and convolutions, codes still float32;"
                    + " for GPUs: slower than fp32 on CPU) (default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--image-column", description = "Parquet inputs: the binary column with image bytes (default: the first)")
    String imageColumn;

    @Option(names = "--source-column", description = "Parquet inputs: the column with source URIs (default: source, uri or path)")
    String sourceColumn;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The validated options. */
    EncodeOptions options() {
        return new EncodeOptions(inputs, output, model, preprocessOption(),
                batchSize, partitions, retryErrors, maxPixels, imageColumn, sourceColumn);
    }

    private Preprocess preprocessOption() {
        if (preprocess == null) {
            if (loadSize != null || cropSize != null) {
                throw new IllegalArgumentException("--load-size and --crop-size need --preprocess");
            }
            return null;
        }
        if (loadSize == null) {
            throw new IllegalArgumentException("--preprocess " + preprocess + " needs --load-size");
        }
        return Preprocess.of(preprocess, loadSize, cropSize == null ? loadSize : cropSize);
    }

    @Override
    public Integer call() throws Exception {
        EncodeOptions options = options();
        RuntimeOptions runtime = new RuntimeOptions(DeviceChoice.parse(device), ComputePath.FAST,
                Precision.parse(precision), 0);
        CheckpointSource checkpoint = model == null ? null : ModelReferences.official(modelsDir).resolve(model);
        SparkSession spark = session();
        EncodeModel encodeModel;
        if (checkpoint == null) {
            encodeModel = EncodeModel.embeddedDefault(options.preprocess(), runtime);
            spec.commandLine().getErr().println("swapae encode: no --model given: using the embedded default model,"
                    + " whose weights are untrained (random): the codes are not meaningful");
        } else {
            Configuration hadoop = ObjectStorage.configure(spark.sparkContext().hadoopConfiguration(),
                    ObjectStorage.Options.none());
            encodeModel = EncodeModel.of(checkpoint, options.preprocess(), runtime, hadoop);
        }
        EncodeSummary r = new EncodeJob(spark, options, encodeModel, spec.commandLine().getErr(),
                System.console() != null).run();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "encode %s: %d inputs, %d encoded, %d errors, %d skipped in %.1f s (%.2f images/s); model %s%n",
                r.runId(), r.inputs(), r.encoded(), r.failed(), r.skipped(), r.seconds(), r.imagesPerSecond(),
                r.model());
        return 0;
    }

    /**
     * The active session, or a local one when not run under spark-submit; the application keeps the name
     * spark-submit gave it.
     */
    public static SparkSession session() {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder();
        if (!conf.contains("spark.app.name")) {
            builder.appName("swapae");
        }
        if (!conf.contains("spark.master")) {
            builder.master("local[*]").config("spark.ui.showConsoleProgress", "false");
        }
        return builder.getOrCreate();
    }
}
