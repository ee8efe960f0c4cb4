package io.swapae.jobs.generate;

import io.swapae.jobs.storage.TableCommits;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/generated}: one row per generated picture, with what it was made from, where it was written and, with
 * {@code --store parquet|both}, the encoded picture itself.
 */
public final class GeneratedTable {

    /** The folder of the table under an output root. */
    public static final String FOLDER = "generated";

    /** Its columns: DESIGN's generated table, then the picture's format and, when stored in the table, its bytes. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("op", DataTypes.StringType, false),
        DataTypes.createStructField("params", DataTypes.StringType, false),
        DataTypes.createStructField("structure_ids", DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField("texture_ids", DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField("uri", DataTypes.StringType, true),
        DataTypes.createStructField("width", DataTypes.IntegerType, false),
        DataTypes.createStructField("height", DataTypes.IntegerType, false),
        DataTypes.createStructField("seed", DataTypes.LongType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("format", DataTypes.StringType, true),
        DataTypes.createStructField("image", DataTypes.BinaryType, true),
    });

    private GeneratedTable() {
    }

    /** The table under the output root {@code output}. */
    public static String under(String output) {
        return new Path(output, FOLDER).toString();
    }

    /** The committed rows of the table under {@code output} (none when there is no table yet). */
    public static Dataset<Row> read(SparkSession spark, String output) {
        return TableCommits.readCommitted(spark, under(output), SCHEMA);
    }

    /**
     * Writes the rows {@code rows} computes (typically {@link ImageRenderer}'s pictures) as run {@code run} of the table
     * under {@code output}, with row groups sized for pictures when they are stored in it; returns {@code false},
     * computing nothing, when that run is already committed.
     */
    public static boolean commit(SparkSession spark, JavaRDD<Row> rows, String output, String run,
                                 ImageOutput images) {
        return TableCommits.commitRun(spark.createDataFrame(rows, SCHEMA), under(output), run,
                images.tableWriteOptions());
    }
}
