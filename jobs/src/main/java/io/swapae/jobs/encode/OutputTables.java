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
import org.apache.spark.sql.types.StructType;

/**
 * The layout of a job's output root: each table is a folder of runs, {@code ROOT/<table>/run=<id>/}, written by one
 * Spark write each. A run folder counts only once it holds Spark's {@code _SUCCESS} marker, written after every data
 * file is in place; folders of killed runs are never read (and are replaced if the same run id is written again).
 * Reading {@code ROOT/<table>} with Spark directly would include them: use {@link #read}.
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

    /** The committed rows of {@code table}, with the run id as column {@code run}; empty with the given schema if none. */
    Dataset<Row> read(String table, StructType schema) throws IOException {
        List<String> runs = committedRuns(table);
        if (runs.isEmpty()) {
            return spark.createDataFrame(new ArrayList<Row>(), schema);
        }
        return spark.read().option("basePath", new Path(root, table).toString()).schema(schema)
                .parquet(runs.toArray(new String[0]));
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

    /** Sources already quarantined. */
    Dataset<Row> errorSources() throws IOException {
        return read(ERRORS, Tables.ERRORS).select("source").distinct();
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
