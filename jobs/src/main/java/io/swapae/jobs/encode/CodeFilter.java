package io.swapae.jobs.encode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code --filter}: a Spark SQL condition on the columns of the codes table, checked when it is applied. */
public final class CodeFilter {

    private CodeFilter() {
    }

    /**
     * The codes passing {@code condition} ({@code null}: all of them).
     *
     * @throws IllegalArgumentException when the condition does not parse or names no column of the table (Spark's
     *                                  analysis errors are checked exceptions thrown from Scala: they are caught too)
     */
    public static Dataset<Row> apply(Dataset<Row> codes, String condition) {
        if (condition == null) {
            return codes;
        }
        try {
            return codes.where(condition);
        } catch (Exception e) {
            throw new IllegalArgumentException("--filter '" + condition + "' is not a condition on the codes table"
                    + " (columns " + String.join(", ", codes.columns()) + "): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }
}
