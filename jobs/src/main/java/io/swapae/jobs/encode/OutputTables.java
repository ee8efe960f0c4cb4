package io.swapae.jobs.encode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swapae.jobs.Versions;
import io.swapae.jobs.storage.TableCommits;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

/**
 * The layout of a job's output root: each table is a folder of runs, {@code ROOT/<table>/run=<id>/}, committed by
 * {@link TableCommits} (a run counts once its {@code _SUCCESS} marker is there; folders of killed runs are never
 * read), plus {@code ROOT/_run.json}. Read the tables with {@link #read}, and the quarantine with
 * {@link #currentErrors}, never by listing {@code ROOT/<table>} with Spark directly.
 */
final class OutputTables {

    static final String CODES = "codes";
    static final String ERRORS = "errors";
    private static final String SUCCESS = "_SUCCESS";

    private final SparkSession spark;
    private final Path root;

    OutputTables(SparkSession spark, String root) {
        this.spark = spark;
        this.root = new Path(root);
    }

    /** The committed rows of {@code table}, with the run's id in column {@code run}. */
    Dataset<Row> read(String table, StructType schema) {
        return TableCommits.readCommitted(spark, new Path(root, table).toString(), schema);
    }

    /**
     * The quarantine as it stands: for each source its error from the latest run that tried it, unless a later
     * run encoded it. A retried input thus never has two rows.
     */
    Dataset<Row> currentErrors() {
        Dataset<Row> latest = read(ERRORS, Tables.ERRORS)
                .withColumn("rank", row_number().over(Window.partitionBy("source").orderBy(col("run").desc())))
                .filter(col("rank").equalTo(1)).drop("rank");
        Dataset<Row> encoded = read(CODES, Tables.CODES).select("source");
        return latest.join(encoded, latest.col("source").equalTo(encoded.col("source")), "left_anti");
    }

    /**
     * Content ids already encoded by the model with this fingerprint and preprocessing: one table may hold the codes
     * of several models, each image once per model.
     */
    Dataset<Row> codeIds(String model, String preprocess) {
        return read(CODES, Tables.CODES)
                .filter(col("model").equalTo(model).and(col("preprocess").equalTo(preprocess)))
                .select("id").distinct();
    }

    /** Sources in the quarantine. */
    Dataset<Row> errorSources() {
        return currentErrors().select("source");
    }

    /** Writes and commits {@code rows} as run {@code runId} of {@code table}; returns how many rows it holds. */
    long commit(String table, String runId, Dataset<Row> rows) {
        String dir = new Path(root, table).toString();
        TableCommits.commitRun(rows, dir, runId);
        return spark.read().parquet(new Path(dir, "run=" + runId).toString()).count();
    }

    /** Writes {@code ROOT/_run.json} (the latest run) and {@code ROOT/_runs/<runId>.json}. */
    void writeRunReport(String runId, String job, Map<String, Object> body) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("job", job);
        report.put("versions", versions(spark));
        report.putAll(body);
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (Path p : new Path[] {new Path(new Path(root, "_runs"), runId + ".json"), new Path(root, "_run.json")}) {
            try (OutputStream out = fs.create(p, true)) {
                out.write(json);
            }
        }
    }

    /** Software versions recorded with every run. */
    private static Map<String, String> versions(SparkSession spark) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("swapae", Versions.swapae());
        v.put("spark", spark.version());
        v.put("java", System.getProperty("java.version"));
        v.put("djl", ai.djl.engine.Engine.getDjlVersion());
        v.put("libtorch", System.getenv().getOrDefault("PYTORCH_VERSION", "2.7.1"));
        return v;
    }
}
