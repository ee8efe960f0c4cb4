package io.swapae.jobs.encode;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables the encode job writes (README: Tables). Columns are only ever added, never changed.
 */
public final class Tables {

    /** {@code ROOT/codes}: one row per encoded image. */
    public static final StructType CODES = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("width", DataTypes.IntegerType, false),
        DataTypes.createStructField("height", DataTypes.IntegerType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("preprocess", DataTypes.StringType, false),
        DataTypes.createStructField("structure", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("structure_shape", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
        DataTypes.createStructField("texture", DataTypes.createArrayType(DataTypes.FloatType, false), false),
    });

    /** {@code ROOT/errors}: one row per input that could not be encoded (the quarantine). */
    public static final StructType ERRORS = new StructType(new StructField[] {
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("stage", DataTypes.StringType, false),
        DataTypes.createStructField("error", DataTypes.StringType, false),
        DataTypes.createStructField("message", DataTypes.StringType, false),
        DataTypes.createStructField("id", DataTypes.StringType, true),
    });

    /** What a task emits per input: a codes row or an errors row, told apart by {@code kind}. */
    static final StructType RESULT = new StructType(new StructField[] {
        DataTypes.createStructField("kind", DataTypes.StringType, false),
        DataTypes.createStructField("id", DataTypes.StringType, true),
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("width", DataTypes.IntegerType, true),
        DataTypes.createStructField("height", DataTypes.IntegerType, true),
        DataTypes.createStructField("model", DataTypes.StringType, true),
        DataTypes.createStructField("preprocess", DataTypes.StringType, true),
        DataTypes.createStructField("structure", DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField("structure_shape", DataTypes.createArrayType(DataTypes.IntegerType, false), true),
        DataTypes.createStructField("texture", DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField("stage", DataTypes.StringType, true),
        DataTypes.createStructField("error", DataTypes.StringType, true),
        DataTypes.createStructField("message", DataTypes.StringType, true),
    });

    static final String CODE = "code";
    static final String ERROR = "error";

    private Tables() {
    }
}
