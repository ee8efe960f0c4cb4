package io.swapae.jobs.guide;

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
 * {@code OUT/guided}: one row per guided (code, prompt) pair: the optimised codes, the loss curve, what made them,
 * and the codes every few steps when a strip was asked for.
 */
public final class GuidedTable {

    /** The folder of the table under an output root. */
    public static final String FOLDER = "guided";

    /** Its columns. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("source_id", DataTypes.StringType, false),
        DataTypes.createStructField("prompt", DataTypes.StringType, false),
        DataTypes.createStructField("target", DataTypes.StringType, false),
        DataTypes.createStructField("params", DataTypes.StringType, false),
        DataTypes.createStructField("losses", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("final_loss", DataTypes.FloatType, false),
        DataTypes.createStructField("structure", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("structure_shape", DataTypes.createArrayType(DataTypes.IntegerType, false),
                false),
        DataTypes.createStructField("texture", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("noise_id", DataTypes.LongType, false),
        DataTypes.createStructField("seed", DataTypes.LongType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("clip", DataTypes.StringType, false),
        DataTypes.createStructField("strip_steps", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
        DataTypes.createStructField("strip_structures",
                DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false), false),
        DataTypes.createStructField("strip_textures",
                DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false), false),
    });

    private GuidedTable() {
    }

    /** The table under the output root {@code output}. */
    public static String under(String output) {
        return new Path(output, FOLDER).toString();
    }

    /** The committed rows of the table under {@code output} (none when there is no table yet). */
    public static Dataset<Row> read(SparkSession spark, String output) {
        return TableCommits.readCommitted(spark, under(output), SCHEMA);
    }

    /** Writes {@code rows} as run {@code run}; returns {@code false}, computing nothing, when it is committed. */
    public static boolean commit(SparkSession spark, JavaRDD<Row> rows, String output, String run) {
        return TableCommits.commitRun(spark.createDataFrame(rows, SCHEMA), under(output), run);
    }
}
