package io.swapae.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.ProcessRun;
import io.swapae.jobs.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/bin/swapae, the launcher for this machine: a real encode in local mode, and the driver heap it chooses. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("swapae.root"), "deploy/bin/swapae");
    private static final Pattern MAX_HEAP = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)");
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
        List<Row> codes = TestSpark.session().read().parquet(committedRuns(output.resolve("codes")))
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
        env.putAll(environment);
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return ProcessRun.run(command, env, dir, Duration.ofMinutes(4));
    }

    private static String[] committedRuns(Path table) throws IOException {
        try (Stream<Path> folders = Files.list(table)) {
            String[] runs = folders.filter(f -> f.getFileName().toString().startsWith("run="))
                    .filter(f -> Files.exists(f.resolve("_SUCCESS"))).map(f -> f.toUri().toString())
                    .toArray(String[]::new);
            assertThat(runs).as("committed runs in %s", table).isNotEmpty();
            return runs;
        }
    }
}
