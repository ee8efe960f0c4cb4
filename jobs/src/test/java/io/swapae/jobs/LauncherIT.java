package io.swapae.jobs;

import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.ProcessRun;
import io.swapae.jobs.testing.TestSpark;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/swapae, the launcher for this machine: a real encode in local mode, the driver heap it chooses, and the
 * Spark settings file it passes to Spark.
 */
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("swapae.root")).toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("deploy/bin/swapae");
    private static final Path DEFAULT_SPARK_SETTINGS = ROOT.resolve("conf/spark-defaults-local.conf");
    /** An official training run's folder: its checkpoint and the options it was trained with. */
    private static final Path OFFICIAL_RUN = ROOT.resolve("common/src/test/resources/fixtures/sae-parity-a");
    private static final Pattern MAX_HEAP = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)");
    /** A system property as {@code -XshowSettings:properties} prints it. */
    private static final Pattern SHOWN_PROPERTY = Pattern.compile("(?m)^ {4}(\\S+) = (.*)$");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void encodesAFolderOfImagesInLocalMode() throws Exception {
        Path images = EncodeDataset.images(Files.createDirectories(dir.resolve("images")), 4);
        Path model = EncodeDataset.model(dir.resolve("small.safetensors"));
        Path output = dir.resolve("out");

        ProcessRun run = launch(Map.of("SWAPAE_JAVA_OPTS", "-Dspark.ui.enabled=false -Dspark.sql.shuffle.partitions=4"),
                "encode", "--input", images.toString(), "--output", output.toString(),
                "--model", model.toString(), "--batch-size", "2", "--partitions", "2");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("4 encoded, 4 errors");
        List<Row> codes = TableCommits.readCommitted(TestSpark.session(), output.resolve("codes").toUri().toString(),
                Tables.CODES)
                .select("id", "structure", "texture").collectAsList();
        assertThat(codes).hasSize(4);
        assertThat(codes).allSatisfy(r -> assertThat(r.getList(2)).hasSize(EncodeDataset.SMALL.globalCodeCh()));
    }

    @Test
    void givesTheDriverAQuarterOfTheMachinesMemoryWithinBounds() throws Exception {
        long quarter = usableMemoryBytes() / MIB / 4 / 256 * 256;
        long expected = Math.min(Math.max(quarter, 1024), 16384) * MIB;

        assertThat(maxHeap(Map.of())).isEqualTo(expected);
    }

    @Test
    void driverMemoryCanBeSetAndIsChecked() throws Exception {
        assertThat(maxHeap(Map.of("SWAPAE_DRIVER_MEMORY", "1536m"))).isEqualTo(1536 * MIB);

        ProcessRun refused = launch(Map.of("SWAPAE_DRIVER_MEMORY", "lots"), "--version");
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(2);
        assertThat(refused.stderr()).contains("SWAPAE_DRIVER_MEMORY must be a heap size").contains("found 'lots'");
    }

    @Test
    void sparkSettingsFileBecomesTheDriversSystemProperties() throws Exception {
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(DEFAULT_SPARK_SETTINGS)) {
            defaults.load(in);
        }
        assertThat(defaults).containsEntry("spark.ui.showConsoleProgress", "false").doesNotContainKey("spark.driver.memory");

        Map<String, String> byDefault = systemProperties(Map.of());

        for (String key : defaults.stringPropertyNames()) {
            assertThat(byDefault).containsEntry(key, defaults.getProperty(key).trim());
        }
    }

    @Test
    void anotherSparkSettingsFileCanBeNamedAndJavaOptionsOverrideIt() throws Exception {
        Path settings = Files.writeString(dir.resolve("site.conf"), String.join("\n",
                "# site settings",
                "spark.sql.shuffle.partitions   3",
                "spark.default.parallelism=5",
                "spark.driver.memory 3g",
                ""));

        Map<String, String> properties = systemProperties(Map.of("SWAPAE_SPARK_CONF", settings.toString()),
                "-Dspark.default.parallelism=2");
        Map<String, String> none = systemProperties(Map.of("SWAPAE_SPARK_CONF", ""));

        assertThat(properties).containsEntry("spark.sql.shuffle.partitions", "3")
                .containsEntry("spark.default.parallelism", "2").doesNotContainKeys("spark.master", "spark.driver.memory");
        assertThat(none.keySet()).noneMatch(k -> k.startsWith("spark."));
    }

    @Test
    void driverMemoryInTheSparkSettingsFileIsLeftOutWithAWarning() throws Exception {
        Path settings = Files.writeString(dir.resolve("site.conf"), "spark.driver.memory 3g\n");

        ProcessRun run = launch(Map.of("SWAPAE_SPARK_CONF", settings.toString(), "SWAPAE_DRIVER_MEMORY", "1536m",
                "SWAPAE_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).contains("spark.driver.memory in " + settings + " has no effect here")
                .contains("SWAPAE_DRIVER_MEMORY");
        Matcher m = MAX_HEAP.matcher(run.stdout());
        assertThat(m.find()).as(run.describe()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(1536 * MIB);
    }

    @Test
    void unreadableSparkSettingsFileIsRefused() throws Exception {
        Path absent = dir.resolve("absent.conf");

        ProcessRun run = launch(Map.of("SWAPAE_SPARK_CONF", absent.toString()), "--version");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("cannot read the Spark settings file '" + absent + "'");
    }

    @Test
    void sparkRunsWithTheSettingsFileAndReadsAnOfficialCheckpoint() throws Exception {
        Path images = EncodeDataset.images(Files.createDirectories(dir.resolve("images")), 2);
        Path official = Files.createDirectories(dir.resolve("checkpoints/parity"));
        Path model = Files.copy(OFFICIAL_RUN.resolve("checkpoint.pth"), official.resolve("latest_checkpoint.pth"));
        Files.copy(OFFICIAL_RUN.resolve("opt.json"), official.resolve("opt.json"));
        Path events = Files.createDirectories(dir.resolve("events"));
        Path settings = Files.writeString(dir.resolve("site.conf"), String.join("\n",
                "spark.master                  local[2]",
                "spark.ui.enabled              false",
                "spark.ui.showConsoleProgress  false",
                "spark.sql.shuffle.partitions  3",
                "spark.eventLog.enabled        true",
                "spark.eventLog.dir            " + events.toUri(),
                ""));
        Path output = dir.resolve("out");

        ProcessRun run = launch(Map.of("SWAPAE_SPARK_CONF", settings.toString()), "encode",
                "--input", images.toString(), "--output", output.toString(), "--model", model.toString(),
                "--batch-size", "2");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("2 encoded, 4 errors");
        String eventLog = onlyFile(events);
        assertThat(eventLog).as("Spark's settings in its event log").contains("\"spark.master\":\"local[2]\"")
                .contains("\"spark.sql.shuffle.partitions\":\"3\"");
        List<Row> codes = TableCommits.readCommitted(TestSpark.session(), output.resolve("codes").toUri().toString(),
                Tables.CODES)
                .select("texture").collectAsList();
        assertThat(codes).hasSize(2);
        assertThat(codes).as("texture codes of the official checkpoint's size (opt.json: global_code_ch)")
                .allSatisfy(r -> assertThat(r.getList(0)).hasSize(256));
    }

    /** The {@code spark.*} system properties of the driver JVM as the launcher starts it. */
    private Map<String, String> systemProperties(Map<String, String> environment, String... javaOptions)
            throws Exception {
        Map<String, String> withSettings = new HashMap<>(environment);
        withSettings.put("SWAPAE_JAVA_OPTS", String.join(" ", javaOptions) + " -XshowSettings:properties");
        ProcessRun run = launch(withSettings, "--version");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        Map<String, String> properties = new HashMap<>();
        Matcher m = SHOWN_PROPERTY.matcher(run.stderr());
        while (m.find()) {
            if (m.group(1).startsWith("spark.")) {
                properties.put(m.group(1), m.group(2));
            }
        }
        return properties;
    }

    /** The JVM's maximum heap as the launcher starts it (printed by HotSpot's final flags). */
    private long maxHeap(Map<String, String> environment) throws Exception {
        Map<String, String> withFlags = new HashMap<>(environment);
        withFlags.put("SWAPAE_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        ProcessRun run = launch(withFlags, "--version");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        Matcher m = MAX_HEAP.matcher(run.stdout());
        assertThat(m.find()).as(run.describe()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** This machine's memory, or its container's limit where that is lower. */
    private static long usableMemoryBytes() throws IOException {
        Matcher total = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/meminfo")));
        assertThat(total.find()).isTrue();
        long bytes = Long.parseLong(total.group(1)) * 1024;
        for (String limit : List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
            Path file = Path.of(limit);
            if (Files.isReadable(file)) {
                String value = Files.readString(file).trim();
                if (value.matches("\\d+")) {
                    bytes = Math.min(bytes, Long.parseLong(value) / MIB * MIB);
                }
            }
        }
        return bytes;
    }

    private ProcessRun launch(Map<String, String> environment, String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SWAPAE_DRIVER_MEMORY", null);
        env.put("SWAPAE_JAVA_OPTS", null);
        env.put("SWAPAE_SPARK_CONF", null);
        env.putAll(environment);
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return ProcessRun.run(command, env, dir, Duration.ofMinutes(4));
    }

    private static String onlyFile(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.filter(f -> !f.getFileName().toString().startsWith(".")).collect(Collectors.toList());
            assertThat(all).as("files in %s", folder).hasSize(1);
            return Files.readString(all.get(0));
        }
    }
}
