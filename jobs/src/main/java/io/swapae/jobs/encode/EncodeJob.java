package io.swapae.jobs.encode;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import io.swapae.jobs.runtime.JobProgress;
import io.swapae.jobs.storage.ObjectStorage;
import io.swapae.jobs.storage.StorageCheck;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The encode job: image datasets to structure and texture codes. Reads the inputs, skips images whose content id is
 * already in {@code ROOT/codes} for the same model and preprocessing (and inputs already quarantined in
 * {@code ROOT/errors}, unless retrying), encodes the rest on the executors in batches, and commits this run's codes
 * and errors as one new folder of each table. Rerunning is idempotent: a run that was killed leaves no committed
 * folder, and its rerun does exactly what is missing.
 */
public final class EncodeJob {

    private static final long PROGRESS_INTERVAL_SECONDS = 10;

    private final SparkSession spark;
    private final EncodeOptions options;
    private final EncodeModel model;
    private final PrintWriter console;
    private final boolean terminal;

    /** The job, silent: it reports only through its summary and {@code ROOT/_run.json}. */
    public EncodeJob(SparkSession spark, EncodeOptions options, EncodeModel model) {
        this(spark, options, model, null, false);
    }

    /**
     * The job, reporting its progress to {@code console}: rewriting one line when it is a {@code terminal}, a line
     * every ten seconds otherwise.
     */
    public EncodeJob(SparkSession spark, EncodeOptions options, EncodeModel model, PrintWriter console,
                     boolean terminal) {
        this.spark = spark;
        this.options = options;
        this.model = model;
        this.console = console;
        this.terminal = terminal;
    }

    /**
     * Runs the job and returns what it did; the same summary is written to {@code ROOT/_run.json}. Inputs that
     * cannot be read and an output that cannot be written are refused before any work, with a one-line
     * {@link io.swapae.jobs.storage.StorageException}.
     */
    public EncodeSummary run() throws IOException {
        long start = System.nanoTime();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ObjectStorage.configure(hadoop, ObjectStorage.Options.none());
        for (String input : options.inputs()) {
            StorageCheck.readable(input, hadoop);
        }
        StorageCheck.writable(options.output(), hadoop);
        OutputTables tables = new OutputTables(spark, options.output());
        spark.sparkContext().setJobGroup("swapae-encode-" + runId,
                "encode: " + String.join(",", options.inputs()) + " -> " + options.output(), false);

        InputCatalog catalog = new InputCatalog(spark, options);
        Dataset<Row> inputs = catalog.inputs();
        SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());

        // pass 1: content ids (hashing files in tasks; inline bytes hashed by Spark)
        Dataset<Row> inline = inputs.filter(col("content").isNotNull())
                .withColumn("id", sha2(col("content"), 256))
                .withColumn("source", coalesce(col("source"), concat(lit("inline#"), col("id"))));
        Dataset<Row> files = inputs.filter(col("content").isNull()).select("source").distinct()
                .mapPartitions(new ContentIds(conf), Encoders.row(ContentIds.SCHEMA));
        Dataset<Row> ids = inline.select(col("source"), col("id"), lit(null).cast("string").as("read_error"))
                .unionByName(files)
                .persist(StorageLevel.MEMORY_AND_DISK());
        describe("reading and hashing the inputs");
        long inputCount = ids.count();

        Dataset<Row> readable = ids.filter(col("id").isNotNull());
        Dataset<Row> unreadable = ids.filter(col("id").isNull());
        Dataset<Row> quarantined = tables.errorSources();
        if (!options.retryErrors()) {
            readable = readable.join(quarantined, readable.col("source").equalTo(quarantined.col("source")), "left_anti");
            unreadable = unreadable.join(quarantined, unreadable.col("source").equalTo(quarantined.col("source")),
                    "left_anti");
        }
        Dataset<Row> existing = tables.codeIds(model.fingerprint(), model.preprocess().toString());
        Dataset<Row> todo = readable.join(existing, readable.col("id").equalTo(existing.col("id")), "left_anti")
                .select("id", "source");
        Dataset<Row> todoWithContent = catalog.hasInlineContent()
                ? todo.join(inline.select(col("id").as("inline_id"), col("content")),
                        col("id").equalTo(col("inline_id")), "left").drop("inline_id")
                : todo.withColumn("content", lit(null).cast("binary"));
        int partitions = options.partitions() > 0 ? options.partitions() : spark.sparkContext().defaultParallelism();
        describe("finding the images not encoded yet");
        long todoCount = todo.count();

        // pass 2: decode, preprocess and encode on the executors; an image found under several sources lands in one
        // partition, sorted by source, and is encoded once (under its first source)
        long encoded;
        long failed;
        Dataset<Row> results;
        EncodeModel forExecutors = model.forExecutors(spark.sparkContext());
        try (JobProgress progress = JobProgress.start(spark.sparkContext(), "encode", todoCount, console, terminal,
                PROGRESS_INTERVAL_SECONDS)) {
            results = todoWithContent.repartition(partitions, col("id"))
                    .sortWithinPartitions("id", "source")
                    .mapPartitions(new PartitionEncoder(forExecutors, options, conf, progress),
                            Encoders.row(Tables.RESULT))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> codes = results.filter(col("kind").equalTo(Tables.CODE))
                    .select(fieldNames(Tables.CODES));
            Dataset<Row> errors = results.filter(col("kind").equalTo(Tables.ERROR))
                    .select(col("source"), col("stage"), col("error"), col("message"), col("id"))
                    .unionByName(unreadable.select(col("source"), lit("read").as("stage"),
                            lit("UNREADABLE").as("error"), col("read_error").as("message"),
                            lit(null).cast("string").as("id")));
            describe("encoding " + todoCount + " images into " + options.output() + "/codes");
            encoded = tables.commit(OutputTables.CODES, runId, codes);
            describe("writing the quarantined inputs to " + options.output() + "/errors");
            failed = tables.commit(OutputTables.ERRORS, runId, errors);
        }
        results.unpersist();
        ids.unpersist();

        double seconds = (System.nanoTime() - start) / 1e9;
        EncodeSummary result = new EncodeSummary(runId, inputCount, encoded, failed,
                inputCount - encoded - failed, seconds, model.fingerprint());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("options", options.describe());
        report.put("preprocess", model.preprocess().toString());
        report.put("precision", model.runtime().precision().toString());
        report.put("result", result.describe());
        tables.writeRunReport(runId, "encode", report);
        return result;
    }

    /** Names the next Spark jobs in the UI. */
    private void describe(String what) {
        spark.sparkContext().setJobDescription("swapae encode: " + what);
    }

    private static org.apache.spark.sql.Column[] fieldNames(org.apache.spark.sql.types.StructType schema) {
        String[] names = schema.fieldNames();
        org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[names.length];
        for (int i = 0; i < names.length; i++) {
            cols[i] = col(names[i]);
        }
        return cols;
    }
}
