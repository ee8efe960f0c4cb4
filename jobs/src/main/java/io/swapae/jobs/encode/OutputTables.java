package io.swapae.jobs.encode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

/**
 * The layout of a job's output root: each table is a folder of runs, {@code ROOT/<table>/run=<id>/}, written by one
 * Spark write each. A run folder counts only once it holds Spark's {@code _SUCCESS} marker, written after every data
 * file is in place; folders of killed runs are never read. Reading {@code ROOT/<table>} with Spark directly would
 * include them: use {@link #read} (and {@link #currentErrors} for the quarantine).
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
    Dataset<Row> read(String table, StructType schema) throws IOException {
        Dataset<Row> all = spark.createDataFrame(new ArrayList<Row>(), schema).withColumn("run", lit(""));
        for (String run : committedRuns(table)) {
            String id = new Path(run).getName().substring("run=".length());
            all = all.unionByName(spark.read().schema(schema).parquet(run).withColumn("run", lit(id)));
        }
        return all;
    }

    /**
     * The quarantine as it stands: for each source its error from the latest run that tried it, unless a later
     * run encoded it. A retried input thus never has two rows.
     */
    Dataset<Row> currentErrors() throws IOException {
        Dataset<Row> latest = read(ERRORS, Tables.ERRORS)
                .withColumn("rank", row_number().over(Window.partitionBy("source").orderBy(col("run").desc())))
                .filter(col("rank").equalTo(1)).drop("rank");
        Dataset<Row> encoded = read(CODES, Tables.CODES).select("source");
        return latest.join(encoded, latest.col("source").equalTo(encoded.col("source")), "left_anti");
    }

    /** Folders of committed runs of {@code table}. */
    List<String> committedRuns(String table) throws IOException {
        Path dir = new Path(root, table);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        List<String> runs = new ArrayList<>();
        if (!fs.exists(dir)) {
            return runs;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory() && s.getPath().getName().startsWith("run=")
                    && fs.exists(new Path(s.getPath(), SUCCESS))) {
                runs.add(s.getPath().toString());
            }
        }
        runs.sort(null);
        return runs;
    }

    /** Content ids already encoded. */
    Dataset<Row> codeIds() throws IOException {
        return read(CODES, Tables.CODES).select("id").distinct();
    }

    /** Sources in the quarantine. */
    Dataset<Row> errorSources() throws IOException {
        return currentErrors().select("source");
    }

    /** Writes {@code rows} as run {@code runId} of {@code table} and returns how many rows it holds. */
    long commit(String table, String runId, Dataset<Row> rows) {
        String target = new Path(new Path(root, table), "run=" + runId).toString();
        rows.write().mode(SaveMode.Overwrite).parquet(target);
        return spark.read().parquet(target).count();
    }

    /** Writes {@code ROOT/_run.json} (the latest run) and {@code ROOT/_runs/<runId>.json}. */
    void writeRunReport(String runId, String job, Map<String, Object> body) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("job", job);
        report.put("versions", Versions.all(spark));
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
    static final class Versions {
        private Versions() {
        }

        static Map<String, String> all(SparkSession spark) {
            Map<String, String> v = new LinkedHashMap<>();
            String swapae = OutputTables.class.getPackage().getImplementationVersion();
            v.put("swapae", swapae == null ? "dev" : swapae);
            v.put("spark", spark.version());
            v.put("java", System.getProperty("java.version"));
            v.put("djl", ai.djl.engine.Engine.getDjlVersion());
            v.put("libtorch", System.getenv().getOrDefault("PYTORCH_VERSION", "2.7.1"));
            return v;
        }
    }
}
