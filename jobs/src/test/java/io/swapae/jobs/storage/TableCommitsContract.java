package io.swapae.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.jobs.testing.TestSpark;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** What {@link TableCommits} promises, on the file system of {@link #newTable()}. */
abstract class TableCommitsContract {

    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, false);

    final SparkSession spark = TestSpark.session();

    /** A table location that does not exist yet. */
    abstract String newTable();

    @Test
    void aCommittedRunIsVisibleWithItsRunId() {
        String table = newTable();

        assertThat(TableCommits.commitRun(rows("a", "b"), table, "r1")).isTrue();

        assertThat(TableCommits.committedRuns(spark, table)).containsExactly("r1");
        assertThat(read(table)).containsExactlyInAnyOrder("a/r1", "b/r1");
    }

    @Test
    void aRunFolderWithoutSuccessMarkerIsNotVisible() throws Exception {
        String table = newTable();
        TableCommits.commitRun(rows("a"), table, "r1");
        writeUncommitted(table, "r2", "b");

        assertThat(TableCommits.committedRuns(spark, table)).containsExactly("r1");
        assertThat(read(table)).containsExactly("a/r1");
    }

    @Test
    void anUncommittedRunIsReplacedWhenItCommits() throws Exception {
        String table = newTable();
        writeUncommitted(table, "r1", "stale", "half");

        assertThat(TableCommits.commitRun(rows("a"), table, "r1")).isTrue();

        assertThat(read(table)).containsExactly("a/r1");
    }

    @Test
    void committingACommittedRunAgainWritesNothing() {
        String table = newTable();
        TableCommits.commitRun(rows("a"), table, "r1");

        assertThat(TableCommits.commitRun(rows("a", "b"), table, "r1")).isFalse();

        assertThat(read(table)).containsExactly("a/r1");
    }

    @Test
    void aTableWithNothingCommittedReadsEmptyWithItsSchema() {
        Dataset<Row> rows = TableCommits.readCommitted(spark, newTable(), SCHEMA);

        assertThat(rows.count()).isZero();
        assertThat(rows.schema().fieldNames()).containsExactly("id", "value", TableCommits.RUN_COLUMN);
    }

    Dataset<Row> rows(String... ids) {
        List<Row> rows = Arrays.stream(ids).map(id -> RowFactory.create(id, (double) id.length())).toList();
        return spark.createDataFrame(rows, SCHEMA).coalesce(1);
    }

    /** A run that wrote its files but died before its commit finished: no _SUCCESS marker. */
    private void writeUncommitted(String table, String run, String... ids) throws Exception {
        Path folder = new Path(table, "run=" + run);
        rows(ids).write().parquet(folder.toString());
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        assertThat(fs.delete(new Path(folder, "_SUCCESS"), false)).isTrue();
    }

    private List<String> read(String table) {
        return TableCommits.readCommitted(spark, table, SCHEMA).collectAsList().stream()
                .map(row -> row.getString(0) + "/" + row.getString(2))
                .toList();
    }
}
