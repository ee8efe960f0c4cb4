package io.swapae.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.jobs.testing.S3Server;
import io.swapae.jobs.testing.TestSpark;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3StorageTest {

    private static final String BUCKET = "storage";
    private static final Duration FAST = Duration.ofSeconds(20);

    private static S3Server server;
    private static SparkSession spark;

    @BeforeAll
    static void startServer() {
        server = S3Server.shared();
        server.createBucket(BUCKET);
        spark = TestSpark.session();
        ObjectStorage.configure(spark.sparkContext().hadoopConfiguration(), server.options());
    }

    @Test
    void theServerAnswersWhileRunningAndStopsOnClose() throws Exception {
        S3Server own = S3Server.start();
        String endpoint = own.endpoint();
        assertThat(status(endpoint)).isEqualTo(403);

        own.close();

        assertThat(own.isAlive()).isFalse();
        assertThatThrownBy(() -> status(endpoint)).isInstanceOf(ConnectException.class);
    }

    @Test
    void sparkWritesAndReadsBackParquetOverS3a() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("name", DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create(1L, "one"), RowFactory.create(2L, "two"),
                RowFactory.create(3L, "three"));
        String table = "s3a://" + BUCKET + "/root/codes";

        spark.createDataFrame(rows, schema).repartition(2).write().mode("overwrite").parquet(table);
        Dataset<Row> back = spark.read().parquet(table);

        assertThat(back.count()).isEqualTo(3);
        assertThat(back.orderBy("id").collectAsList()).containsExactlyElementsOf(rows);
        assertThat(server.keys(BUCKET, "root/codes/")).contains("root/codes/_SUCCESS")
                .noneMatch(key -> key.contains("_temporary"));
    }

    @Test
    void anExistingBucketIsReadableAndWritableWithoutLeavingProbes() {
        StorageCheck.writable("s3a://" + BUCKET + "/checked/out", conf());
        StorageCheck.readable("s3a://" + BUCKET + "/", conf());

        assertThat(server.keys(BUCKET, "checked/")).noneMatch(key -> key.contains("probe"));
    }

    @Test
    void aMissingBucketIsNamedInOneLine() {
        assertThatThrownBy(() -> StorageCheck.writable("s3a://no-such-bucket/out", conf()))
                .isInstanceOf(StorageException.class)
                .hasMessage("bucket 'no-such-bucket' does not exist (s3a://no-such-bucket/out)");
        assertThatThrownBy(() -> StorageCheck.readable("s3a://no-such-bucket/in", conf()))
                .hasMessage("bucket 'no-such-bucket' does not exist (s3a://no-such-bucket/in)");
    }

    @Test
    void aMissingObjectIsNamed() {
        assertThatThrownBy(() -> StorageCheck.readable("s3a://" + BUCKET + "/no/such/images", conf()))
                .isInstanceOf(StorageException.class)
                .hasMessage("input does not exist: s3a://" + BUCKET + "/no/such/images");
    }

    @Test
    void wrongCredentialsFailFastNamingTheCredentials() {
        Configuration wrong = conf();
        wrong.set("fs.s3a.secret.key", "not-the-secret");

        assertFailsFast(() -> StorageCheck.writable("s3a://" + BUCKET + "/out", wrong),
                "access denied to s3a://" + BUCKET + "/out: check the credentials (fs.s3a.access.key/fs.s3a.secret.key");
    }

    @Test
    void missingCredentialsAreNamed() {
        Configuration none = conf();
        none.unset("fs.s3a.access.key");
        none.unset("fs.s3a.secret.key");

        assertFailsFast(() -> StorageCheck.readable("s3a://" + BUCKET + "/in", none),
                "no S3 credentials for s3a://" + BUCKET + "/in: set fs.s3a.access.key/fs.s3a.secret.key");
    }

    @Test
    void aRefusedConnectionFailsFastNamingTheEndpoint() throws Exception {
        Configuration refused = conf();
        refused.set("fs.s3a.endpoint", "http://127.0.0.1:" + freePort());

        assertFailsFast(() -> StorageCheck.readable("s3a://" + BUCKET + "/in", refused), "cannot connect");
    }

    @Test
    void anUnknownHostFailsFastNamingTheHost() {
        Configuration unknown = conf();
        unknown.set("fs.s3a.endpoint", "http://no-such-host.invalid:9000");

        assertFailsFast(() -> StorageCheck.readable("s3a://" + BUCKET + "/in", unknown),
                "unknown host 'no-such-host.invalid");
    }

    private static void assertFailsFast(Runnable check, String messageStart) {
        long start = System.nanoTime();
        assertThatThrownBy(check::run)
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }

    private static Configuration conf() {
        return new Configuration(spark.sparkContext().hadoopConfiguration());
    }

    private static int status(String endpoint) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
        connection.setConnectTimeout(2000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
