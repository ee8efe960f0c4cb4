package io.swapae.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.jobs.storage.ObjectStorage;
import io.swapae.jobs.storage.StorageException;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.S3Server;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encode job reading from and writing to {@code s3a://}, against a real S3 server on 127.0.0.1. */
class EncodeS3Test {

    private static final int GOOD = 5;

    @TempDir
    static Path dir;
    static Path checkpoint;
    static SparkSession spark;
    static S3Server server;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        server = S3Server.shared();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        ObjectStorage.configure(conf, server.options());
        server.createBucket("photos");
        server.createBucket("codes");
        server.createBucket("locked");
        conf.set("fs.s3a.bucket.locked.access.key", "not-the-key");
        conf.set("fs.s3a.bucket.locked.secret.key", "not-the-secret");
        Path local = EncodeDataset.images(dir.resolve("images"), GOOD);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path("s3a://photos/set1");
        FileUtil.copy(FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(local.toUri()),
                target.getFileSystem(conf), target, false, conf);
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
    }

    static EncodeSummary encode(String input, String output) throws Exception {
        EncodeOptions options = new EncodeOptions(List.of(input), output, checkpoint.toString(), null, 4, 2, false,
                EncodeOptions.DEFAULT_MAX_PIXELS, null, null);
        return new EncodeJob(spark, options, EncodeModel.of(checkpoint, null, RuntimeOptions.DEFAULT)).run();
    }

    @Test
    void encodesFromObjectStorageToObjectStorageAndARerunAddsNothing() throws Exception {
        EncodeSummary first = encode("s3a://photos/set1", "s3a://codes/root");
        assertThat(first.encoded()).isEqualTo(GOOD);
        assertThat(first.failed()).isEqualTo(EncodeDataset.BAD.size());
        OutputTables tables = new OutputTables(spark, "s3a://codes/root");
        assertThat(tables.read(OutputTables.CODES, Tables.CODES).count()).isEqualTo(GOOD);
        assertThat(tables.currentErrors().count()).isEqualTo(EncodeDataset.BAD.size());
        assertThat(server.keys("codes", "root/_run.json")).hasSize(1);

        EncodeSummary again = encode("s3a://photos/set1", "s3a://codes/root");
        assertThat(again.encoded()).isZero();
        assertThat(again.failed()).isZero();
        assertThat(tables.read(OutputTables.CODES, Tables.CODES).count()).isEqualTo(GOOD);
    }

    @Test
    void aMissingBucketIsAClearErrorBeforeAnyWork() {
        assertThatThrownBy(() -> encode("s3a://photos/set1", "s3a://no-such-bucket/root"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no-such-bucket").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> encode("s3a://no-such-input/set1", "s3a://codes/other"))
                .isInstanceOf(StorageException.class).hasMessageContaining("no-such-input");
        assertThat(server.keys("codes", "other")).isEmpty();
    }

    @Test
    void wrongCredentialsAreAClearErrorAndNothingIsWritten() {
        assertThatThrownBy(() -> encode("s3a://photos/set1", "s3a://locked/root"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3a://locked/root").hasMessageContaining("credentials");
        assertThat(server.keys("locked", "")).isEmpty();
    }
}
