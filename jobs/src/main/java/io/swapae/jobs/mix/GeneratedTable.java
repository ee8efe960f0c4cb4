package io.swapae.jobs.mix;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** {@code OUT/generated}: one row per generated picture, with what it was made from and where it was written. */
public final class GeneratedTable {

    /** The folder of the table under an output root. */
    public static final String FOLDER = "generated";

    /** Its columns. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("op", DataTypes.StringType, false),
        DataTypes.createStructField("params", DataTypes.StringType, false),
        DataTypes.createStructField("structure_ids", DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField("texture_ids", DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField("uri", DataTypes.StringType, false),
        DataTypes.createStructField("width", DataTypes.IntegerType, false),
        DataTypes.createStructField("height", DataTypes.IntegerType, false),
        DataTypes.createStructField("seed", DataTypes.LongType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
    });

    private GeneratedTable() {
    }
}
