package io.swapae.jobs.augment;

import io.swapae.jobs.directions.DirectionCatalogue;
import io.swapae.jobs.encode.CodeFilter;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.generate.GalleryPage;
import io.swapae.jobs.generate.GeneratedTable;
import io.swapae.jobs.generate.ImageRenderer;
import io.swapae.jobs.generate.ImageRequest;
import io.swapae.jobs.generate.OutputIds;
import io.swapae.jobs.generate.RunRecord;
import io.swapae.jobs.runtime.JobProgress;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.model.ComputePath;
import io.swapae.runtime.DeviceChoice;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

import static org.apache.spark.sql.functions.col;

/**
 * The augment job: {@code --per-image} variants of every code of a codes table, each made by an operation drawn from
 * {@code --ops} (a texture swap with a donor, a direction edit, a structure blend with a donor), decoded into
 * {@code OUT/generated} as one run.
 *
 * <p>On the driver: the codes are counted (one model only), the donor pool is sampled and broadcast with the edit
 * directions. On the executors, over the whole table: each task plans its codes' variants ({@link VariantPlanner}),
 * the variants already committed in {@code OUT/generated} are dropped (an anti-join against the committed ids, as
 * RDDs), and the rest are decoded and written by {@link ImageRenderer}. The run id hashes the options, the model,
 * the catalogue and the committed runs of the codes, so rerunning a failed run replaces it and rerunning a finished
 * one adds nothing.
 */
public final class AugmentJob {


    private final SparkSession spark;
    private final AugmentOptions options;
    private final PrintWriter console;
    private final boolean terminal;

    /** The job, printing no progress. */
    public AugmentJob(SparkSession spark, AugmentOptions options) {
        this(spark, options, null, false);
    }

    /**
     * The job, reporting its progress to {@code console}: rewriting one line when it is a {@code terminal}, a line
     * every 10 s otherwise.
     */
    public AugmentJob(SparkSession spark, AugmentOptions options, PrintWriter console, boolean terminal) {
        this.spark = spark;
        this.options = options;
        this.console = console;
        this.terminal = terminal;
    }

    /** Runs the job; the output root then holds every variant, this run's gallery and {@code _run.json}. */
    public AugmentSummary run() throws IOException {
        long start = System.nanoTime();
        List<String> codeRuns = TableCommits.committedRuns(spark, options.codes());
        if (codeRuns.isEmpty()) {
            throw new IllegalArgumentException("no committed codes in " + options.codes()
                    + ": give the codes table of an encode run (ROOT/codes) whose runs have finished");
        }
        spark.sparkContext().setJobGroup("swapae-augment", "augment: " + options.codes() + " -> "
                + options.output(), false);
        try {
            Dataset<Row> codes = filtered(TableCommits.readCommitted(spark, options.codes(), Tables.CODES));
            CodeCounts counts = CodeCounts.of(codes);
            counts.check(options.codes(), options.filter());
            String fingerprint = counts.model();
            EditDirections edits = options.ops().contains(AugmentOp.EDIT) ? EditDirections.of(DirectionCatalogue.read(
                    spark, options.catalogue()), options.components(), fingerprint, options.catalogue()) : null;
            EncodeModel model = EncodeModel.thatMade(fingerprint, options.model(), counts.preprocess(),
                    new RuntimeOptions(DeviceChoice.parse(options.device()), ComputePath.FAST, Precision.FP32, 0),
                    spark.sparkContext(), "variants are decoded", "");
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            boolean withDonors = options.ops().contains(AugmentOp.SWAP) || options.ops().contains(AugmentOp.BLEND);
            DonorPool pool = withDonors ? DonorPool.sample(codes, options.donors(), options.seed()) : null;
            VariantPlanner planner = new VariantPlanner(options, fingerprint, pool == null ? null : jsc.broadcast(pool),
                    edits == null ? null : jsc.broadcast(edits));
            checkEveryCodeHasAnOp(counts, planner, edits);

            long variants = counts.codes() * options.perImage();
            String run = "augment-" + OutputIds.hex(String.join("\n", OutputIds.json(options.identity()), fingerprint,
                    edits == null ? "" : edits.catalogue(), String.join(",", codeRuns)), 8);
            boolean done = TableCommits.committedRuns(spark, GeneratedTable.under(options.output())).contains(run);
            long written = done ? 0 : commit(codes, planner, model, run, variants);
            String gallery = written == 0 ? null : GalleryPage.write(spark, options.output(), run, "swapae augment");
            AugmentSummary summary = new AugmentSummary(counts.codes(), variants, written, variants - written,
                    done ? null : run, gallery, (System.nanoTime() - start) / 1e9);
            writeRunJson(summary, fingerprint, edits, pool, codeRuns);
            return summary;
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    private Dataset<Row> filtered(Dataset<Row> codes) {
        return CodeFilter.apply(codes, options.filter());
    }

    /** Refuses codes to which no operation of {@code --ops} is sure to apply, naming their shape and why. */
    private void checkEveryCodeHasAnOp(CodeCounts counts, VariantPlanner planner, EditDirections edits) {
        List<String> stranded = new ArrayList<>();
        for (CodeCounts.Group g : counts.groups()) {
            if (planner.applyingToEvery(g.structureShape(), g.textureSize()).isEmpty()) {
                stranded.add(g.count() + " codes of structure shape " + Arrays.toString(g.structureShape()));
            }
        }
        if (stranded.isEmpty()) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        if (options.ops().contains(AugmentOp.SWAP) || options.ops().contains(AugmentOp.BLEND)) {
            reasons.add("swap needs 2 codes in the donor pool and blend 2 of the code's structure shape");
        }
        if (edits != null) {
            reasons.add("the catalogue's " + edits.space().label() + " directions have shape "
                    + edits.vectorShapeText());
        }
        throw new IllegalArgumentException("no operation of --ops " + String.join(",", options.ops().stream()
                .map(AugmentOp::label).toList()) + " applies to " + String.join(", ", stranded) + " ("
                + String.join("; ", reasons) + "): add operations to --ops, raise --donors, or leave them out with"
                + " --filter");
    }

    /** Plans, decodes and commits the variants not yet in the output as run {@code run}; returns how many. */
    private long commit(Dataset<Row> codes, VariantPlanner planner, EncodeModel model, String run, long variants) {
        Dataset<Row> sources = codes.select("id", "preprocess", "structure", "structure_shape", "texture");
        JavaRDD<Row> rows = options.partitions() > 0 ? sources.javaRDD().repartition(options.partitions())
                : sources.javaRDD();
        JavaRDD<ImageRequest> requests = rows.mapPartitions(planner);
        if (!TableCommits.committedRuns(spark, GeneratedTable.under(options.output())).isEmpty()) {
            JavaRDD<String> committed = GeneratedTable.read(spark, options.output()).select("id")
                    .as(Encoders.STRING()).javaRDD();
            requests = requests.mapToPair(r -> new Tuple2<>(r.id(), r))
                    .subtractByKey(committed.mapToPair(id -> new Tuple2<>(id, Boolean.TRUE))).values();
        }
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        spark.sparkContext().setJobDescription("swapae augment: " + variants + " variants of "
                + options.codes() + " into " + GeneratedTable.under(options.output()));
        try (JobProgress progress = JobProgress.start(spark.sparkContext(), "augment", variants, console, terminal,
                10)) {
            GeneratedTable.commit(spark, requests.mapPartitions(new ImageRenderer(model, options.batchSize(),
                    options.seed(), options.images(), conf, progress.done())), options.output(), run,
                    options.images());
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        return GeneratedTable.read(spark, options.output()).where(col(TableCommits.RUN_COLUMN).equalTo(run)).count();
    }

    private void writeRunJson(AugmentSummary s, String fingerprint, EditDirections edits, DonorPool pool,
                              List<String> codeRuns) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("command", "augment");
        d.put("model", fingerprint);
        d.put("codes_runs", codeRuns);
        d.put("catalogue", edits == null ? null : edits.catalogue());
        d.put("donors", pool == null ? 0 : pool.size());
        d.put("codes", s.codes());
        d.put("variants", s.variants());
        d.put("written", s.written());
        d.put("skipped", s.skipped());
        d.put("generated_run", s.run());
        d.put("gallery", s.gallery());
        d.put("seconds", s.seconds());
        d.put("options", options.describe());
        RunRecord.write(spark, options.output(), d);
    }
}
