package io.swapae.jobs.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Atomic-per-run Parquet tables on any Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://}).
 *
 * <p>Layout: each run writes its new rows to its own folder {@code TABLE/run=<runId>/} with Spark's default
 * {@code FileOutputCommitter}, which writes the {@code _SUCCESS} marker last, after every data file is in place.
 *
 * <p><b>The rule: a run is committed if and only if its folder holds {@code _SUCCESS}.</b> Readers go through
 * {@link #readCommitted} (or {@link #committedRuns}) and never list {@code TABLE} themselves, so the files of a run
 * that is still writing or was killed midway (a folder without {@code _SUCCESS}, or with only {@code _temporary}) are
 * never seen as data. The rule needs no atomic rename, which S3 does not have, and is the same on every file system.
 * A failed run's folder is replaced when a run with the same id commits again; a committed run is never rewritten, so
 * committing a run id twice is a no-op.
 */
public final class TableCommits {

    /** The partition column that holds the run id in what {@link #readCommitted} returns. */
    public static final String RUN_COLUMN = "run";

    private static final String SUCCESS = "_SUCCESS";
    private static final String PREFIX = RUN_COLUMN + "=";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private TableCommits() {
    }

    /**
     * Writes {@code rows} as run {@code runId} of the table at {@code table} and commits it; returns {@code false},
     * writing nothing, when that run is already committed.
     */
    public static boolean commitRun(Dataset<Row> rows, String table, String runId) {
        return commitRun(rows, table, runId, Map.of());
    }

    /** {@link #commitRun(Dataset, String, String)} with options of the Parquet writer (e.g. its row group size). */
    public static boolean commitRun(Dataset<Row> rows, String table, String runId, Map<String, String> writeOptions) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 1-128 of [A-Za-z0-9._-], not starting with . _ -: "
                    + runId);
        }
        Path folder = new Path(table, PREFIX + runId);
        Configuration conf = rows.sparkSession().sessionState().newHadoopConf();
        if (isCommitted(folder, conf)) {
            return false;
        }
        rows.write().mode(SaveMode.Overwrite).options(writeOptions).parquet(folder.toString());
        if (!isCommitted(folder, conf)) {
            throw new IllegalStateException("run " + runId + " was written without " + SUCCESS + " in " + folder
                    + ": keep mapreduce.fileoutputcommitter.marksuccessfuljobs=true");
        }
        return true;
    }

    /** The ids of the committed runs of the table at {@code table}, sorted; empty when the table does not exist. */
    public static List<String> committedRuns(SparkSession spark, String table) {
        Configuration conf = spark.sessionState().newHadoopConf();
        Path root = new Path(table);
        List<String> runs = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            FileStatus[] children;
            try {
                children = fs.listStatus(root);
            } catch (FileNotFoundException e) {
                return runs;
            }
            for (FileStatus child : children) {
                String name = child.getPath().getName();
                if (child.isDirectory() && name.startsWith(PREFIX) && fs.exists(new Path(child.getPath(), SUCCESS))) {
                    runs.add(name.substring(PREFIX.length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        runs.sort(null);
        return runs;
    }

    /**
     * The rows of every committed run of the table at {@code table}, with {@code schema}'s columns plus the string
     * column {@value #RUN_COLUMN}; an empty frame of that shape when nothing is committed yet.
     */
    public static Dataset<Row> readCommitted(SparkSession spark, String table, StructType schema) {
        StructType withRun = schema.add(RUN_COLUMN, DataTypes.StringType, true);
        List<String> runs = committedRuns(spark, table);
        if (runs.isEmpty()) {
            return spark.createDataFrame(List.of(), withRun);
        }
        String[] folders = runs.stream().map(run -> new Path(table, PREFIX + run).toString()).toArray(String[]::new);
        return spark.read().schema(withRun).option("basePath", table).parquet(folders);
    }

    private static boolean isCommitted(Path folder, Configuration conf) {
        try {
            return folder.getFileSystem(conf).exists(new Path(folder, SUCCESS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + folder, e);
        }
    }
}
