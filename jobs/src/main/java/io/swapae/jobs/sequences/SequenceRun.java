package io.swapae.jobs.sequences;

import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.runtime.JobProgress;
import io.swapae.jobs.storage.StorageCheck;
import io.swapae.model.ComputePath;
import io.swapae.runtime.DeviceChoice;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * What the effects share while they run on Spark: the session and shared options, the codes chosen, the model that
 * decodes them,
 * the rendering of planned pictures on the executors with a progress line, and the partition count for a number of
 * items.
 */
final class SequenceRun {

    private final SparkSession spark;
    private final SequenceOptions options;
    private final PrintWriter console;
    private final boolean terminal;

    SequenceRun(SparkSession spark, SequenceOptions options, PrintWriter console, boolean terminal) {
        this.spark = spark;
        this.options = options;
        this.console = console;
        this.terminal = terminal;
    }

    SparkSession spark() {
        return spark;
    }

    SequenceOptions options() {
        return options;
    }

    /** Fails early, naming the output, when it cannot be written. */
    void checkOutput() {
        StorageCheck.writable(options.output(), spark.sessionState().newHadoopConf());
    }

    /** The codes a run is made of, the fingerprint of the one model that made them, and that model. */
    record ChosenCodes(List<SourceCode> codes, String fingerprint, EncodeModel model) {
    }

    /**
     * The codes a run is made of: {@code sample} codes of the codes table {@code codes} drawn under the seed, or
     * (sample 0) the codes of {@code ids} in the order given; they must come from one model, and {@code --model}
     * must be it. {@code what} names them in errors.
     */
    ChosenCodes choose(String codes, List<String> ids, int sample, String what) throws IOException {
        CodesTable table = new CodesTable(spark, codes, "--codes");
        List<SourceCode> chosen = sample > 0 ? table.sample(sample, options.seed()) : table.byIds(ids);
        return new ChosenCodes(chosen, CodesTable.model(chosen, what), modelThatMade(chosen.get(0)));
    }

    /** How the model runs: the device option, the fast path, float32. */
    RuntimeOptions runtime() {
        return new RuntimeOptions(DeviceChoice.parse(options.device()), ComputePath.FAST, Precision.FP32, 0);
    }

    /** {@code --model}, which must be the model that made {@code code}, or the embedded default when it made it. */
    EncodeModel modelThatMade(SourceCode code) throws IOException {
        return EncodeModel.thatMade(code.model(), options.model(), CodesTable.preprocess(code), runtime(),
                spark.sparkContext(), "frames are decoded", "");
    }

    /** Partitions for {@code items} units of work: one per batch, at most Spark's default parallelism. */
    int partitions(int items, int perPartition) {
        int wanted = (items + perPartition - 1) / perPartition;
        return Math.max(1, Math.min(wanted, JavaSparkContext.fromSparkContext(spark.sparkContext())
                .defaultParallelism()));
    }

    SerializableConfiguration hadoop() {
        return new SerializableConfiguration(spark.sessionState().newHadoopConf());
    }

    /** Decodes and writes {@code pictures} on the executors; returns what was written. */
    List<RenderedFrame> render(EncodeModel model, List<PictureRequest> pictures, String what) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        spark.sparkContext().setJobDescription("swapae sequences: " + what);
        try (JobProgress progress = JobProgress.start(spark.sparkContext(), "sequences", pictures.size(), console,
                terminal, 10)) {
            return jsc.parallelize(pictures, partitions(pictures.size(), options.batchSize()))
                    .mapPartitions(new FrameRenderer(model, options.batchSize(), options.seed(), hadoop(),
                            progress.done()))
                    .collect();
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /** Starts a progress line over {@code total} items. */
    JobProgress progress(long total) {
        return JobProgress.start(spark.sparkContext(), "sequences", total, console, terminal, 10);
    }
}
