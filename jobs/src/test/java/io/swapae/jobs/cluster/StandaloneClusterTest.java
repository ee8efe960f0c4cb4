package io.swapae.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.image.Preprocess;
import io.swapae.jobs.Swapae;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.Architecture;
import io.swapae.model.RandomWeights;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encode job on a real Spark standalone cluster: a master and two single-core workers, each its own JVM, the
 * driver a separate {@code spark-submit} JVM. One executor JVM is killed while it runs an encoding task; Spark
 * starts a new one and retries, and the job still commits exactly one row per good image.
 */
class StandaloneClusterTest {

    private static final Architecture SMALL = new Architecture(8, 64, 0.0625, 4, 2, 2.0, 0.0625, 2, true, true);
    private static final int GOOD = 36;
    private static final int BAD = 4;
    private static final int PARTITIONS = 8;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    private static final String LIBTORCH = "libtorch_cpu";

    @TempDir
    static Path dir;
    static Path images;
    static Path checkpoint;
    static SparkHome home;
    static LocalStandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < GOOD; i++) {
            ImageIO.write(picture(96 + 4 * i, 80 + 3 * i, i), i % 3 == 0 ? "jpg" : "png",
                    images.resolve("img" + i + (i % 3 == 0 ? ".jpg" : ".png")).toFile());
        }
        Files.write(images.resolve("truncated.png"), Arrays.copyOf(Files.readAllBytes(images.resolve("img1.png")), 100));
        Files.writeString(images.resolve("notes.jpg"), "not an image at all");
        Files.write(images.resolve("empty.png"), new byte[0]);
        Files.writeString(images.resolve("fake.png"), "neither is this");
        checkpoint = dir.resolve("small.safetensors");
        SafetensorsWriter.write(ModelWeights.of(SMALL, Preprocess.of("resize", 128, 128), RandomWeights.of(SMALL, 3),
                Map.of()), checkpoint);

        home = SparkHome.assemble(Files.createTempDirectory("spark-home"), SparkHome.currentClasspath(),
                SparkHome.locationOf(StandaloneClusterTest.class));
        List<String> daemonOptions = new ArrayList<>(moduleOptions());
        daemonOptions.add("-Xmx512m");
        cluster = LocalStandaloneCluster.start(home, dir.resolve("cluster"), 2, "2g", daemonOptions,
                Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (home != null) {
            home.delete();
        }
    }

    @Test
    void encodesEveryGoodImageExactlyOnceWhenAnExecutorIsKilledMidJob() throws Exception {
        Path output = dir.resolve("out");
        Process driver = submitEncode(output);
        try {
            String killed = killAnExecutorRunningAnEncodeTask(driver);
            boolean exited = driver.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(exited).as("the driver finishes within %s\n%s", JOB_TIMEOUT, cluster.logs()).isTrue();
            assertThat(driver.exitValue()).as("the driver's exit code\n%s", cluster.logs()).isZero();
            assertThat(cluster.log("driver-encode")).as("executor %s's running task is lost\n%s", killed, cluster.logs())
                    .containsPattern("Lost task .*executor " + killed + "\\).*ExecutorLostFailure");
        } finally {
            driver.destroyForcibly();
        }

        SparkSession spark = TestSpark.session();
        List<Row> codes = committed(spark, output.resolve("codes")).select("id").collectAsList();
        assertThat(codes).hasSize(GOOD);
        assertThat(codes.stream().map(r -> r.getString(0)).distinct()).hasSize(GOOD);
        List<Row> errors = committed(spark, output.resolve("errors")).select("source", "error").collectAsList();
        assertThat(errors).hasSize(BAD);
        assertThat(errors.stream().map(r -> Path.of(java.net.URI.create(r.getString(0))).getFileName().toString()))
                .containsExactlyInAnyOrder("truncated.png", "notes.jpg", "empty.png", "fake.png");
        try (Stream<Path> files = Files.walk(dir.resolve("cluster"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("the driver's checkpoint reaches the executors as a shipped file in their work folders")
                    .anyMatch(name -> name.matches("model-[0-9a-f]{16}\\.safetensors"));
        }

        Path guided = dir.resolve("guided");
        Process guide = submit(List.of("guide", "--codes", output.resolve("codes").toUri().toString(),
                "--output", guided.toUri().toString(), "--prompts", "a snowy mountain", "--sample", "2",
                "--steps", "1", "--cutouts", "1", "--clip", clipFixture().toString(), "--model", checkpoint.toString()));
        try {
            assertThat(guide.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("guide finishes\n%s",
                    cluster.logs()).isTrue();
            assertThat(guide.exitValue()).as("guide's exit code\n%s", cluster.logs()).isZero();
        } finally {
            guide.destroyForcibly();
        }
        assertThat(committed(spark, guided.resolve("guided")).count()).isEqualTo(2);
        try (Stream<Path> files = Files.walk(dir.resolve("cluster"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("the driver's CLIP files reach the executors as shipped files named by fingerprint")
                    .anyMatch(name -> name.matches("clip-[0-9a-f]{16}-open_clip_model\\.safetensors"));
        }
    }

    /** The tiny CLIP of the test resources: a folder with open_clip_config.json and open_clip_model.safetensors. */
    private static Path clipFixture() throws Exception {
        return Path.of(StandaloneClusterTest.class.getResource("/clip/open_clip_config.json").toURI()).getParent();
    }

    private static Process submitEncode(Path output) throws IOException {
        return submit(List.of("encode", "--input", images.toUri().toString(), "--output", output.toUri().toString(),
                "--model", checkpoint.toString(), "--batch-size", "2", "--partitions", String.valueOf(PARTITIONS)));
    }

    /** Runs {@code swapae} with {@code command} through spark-submit on the cluster, as a separate driver JVM. */
    private static Process submit(List<String> command) throws IOException {
        String executorOptions = "-Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1";
        List<String> driverOptions = new ArrayList<>(moduleOptions());
        driverOptions.addAll(List.of("-Xmx1g", "-Dai.djl.offline=true"));
        List<String> args = new ArrayList<>(List.of(
                "--master", cluster.masterUrl(),
                "--deploy-mode", "client",
                "--class", Swapae.class.getName(),
                "--conf", "spark.executor.memory=1g",
                "--conf", "spark.executor.extraJavaOptions=" + executorOptions,
                "--conf", "spark.executorEnv.PYTORCH_VERSION=2.7.1",
                "--conf", "spark.task.maxFailures=4",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.sql.shuffle.partitions=4"));
        Optional.ofNullable(System.getenv("GLIBC_TUNABLES"))
                .ifPresent(t -> args.addAll(List.of("--conf", "spark.executorEnv.GLIBC_TUNABLES=" + t)));
        args.add(home.jarOf(Swapae.class).toString());
        args.addAll(command);
        return cluster.launch("driver-" + command.get(0), driverOptions, "org.apache.spark.deploy.SparkSubmit", args);
    }

    /**
     * Waits until an executor JVM has loaded libtorch, which it does in its first encoding task (loading the model
     * takes seconds), and kills it. Returns its executor id.
     */
    private static String killAnExecutorRunningAnEncodeTask(Process driver) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && driver.isAlive()) {
            Optional<ProcessHandle> encoding = cluster.executors()
                    .filter(p -> LocalStandaloneCluster.hasLoaded(p, LIBTORCH)).findFirst();
            if (encoding.isPresent()) {
                String id = LocalStandaloneCluster.executorId(encoding.get());
                encoding.get().destroyForcibly();
                return id;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no executor loaded the model (driver "
                + (driver.isAlive() ? "still running" : "exited with " + driver.exitValue()) + ")\n"
                + cluster.logs());
    }

    /** The rows of the committed runs of an output table: its {@code run=*} folders that hold {@code _SUCCESS}. */
    private static Dataset<Row> committed(SparkSession spark, Path table) throws IOException {
        List<String> runs;
        try (Stream<Path> folders = Files.list(table)) {
            runs = folders.filter(f -> f.getFileName().toString().startsWith("run="))
                    .filter(f -> Files.exists(f.resolve("_SUCCESS")))
                    .map(f -> f.toUri().toString()).collect(Collectors.toList());
        }
        assertThat(runs).as("committed runs in %s", table).isNotEmpty();
        return spark.read().parquet(runs.toArray(String[]::new));
    }

    /** The JVM's module options ({@code --add-opens}) that Spark needs on Java 17, as this test JVM got them. */
    private static List<String> moduleOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect."))
                .collect(Collectors.toList());
    }

    private static BufferedImage picture(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(7 * seed % 255, 80, 200 - 5 * seed));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(250, 200 - 5 * seed, 40));
        g.fillOval(w / 4 + seed, h / 5, w / 2, h / 2);
        g.dispose();
        return img;
    }
}
