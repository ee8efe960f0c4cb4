package io.swapae.jobs.sequences;

import io.swapae.jobs.storage.TableCommits;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/frames}: the manifest of the sequences, one row per frame (and one per sequence that failed, with its
 * error and no frame), committed as runs like the other tables. Columns are only ever added, never changed.
 */
public final class FramesTable {

    /** The table's folder under the output root. */
    public static final String FOLDER = "frames";

    /** The columns. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("sequence_id", DataTypes.StringType, false),
        DataTypes.createStructField("effect", DataTypes.StringType, false),
        DataTypes.createStructField("frame", DataTypes.IntegerType, true),
        DataTypes.createStructField("params", DataTypes.StringType, true),
        DataTypes.createStructField("uri", DataTypes.StringType, true),
        DataTypes.createStructField("video", DataTypes.StringType, true),
        DataTypes.createStructField("width", DataTypes.IntegerType, true),
        DataTypes.createStructField("height", DataTypes.IntegerType, true),
        DataTypes.createStructField("seed", DataTypes.LongType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("error", DataTypes.StringType, true),
    });

    private FramesTable() {
    }

    /** The table's URI under {@code output}. */
    public static String under(String output) {
        return new Path(output, FOLDER).toString();
    }

    /** Every committed row, with the run column. */
    public static Dataset<Row> read(SparkSession spark, String output) {
        return TableCommits.readCommitted(spark, under(output), SCHEMA);
    }

    /** Commits {@code rows} as run {@code run}; a run already committed is left as it is. */
    static void commit(SparkSession spark, List<Row> rows, String output, String run) {
        TableCommits.commitRun(spark.createDataFrame(rows, SCHEMA).coalesce(1), under(output), run);
    }
}
