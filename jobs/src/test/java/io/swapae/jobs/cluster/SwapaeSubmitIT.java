package io.swapae.jobs.cluster;

import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.jobs.Swapae;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.ProcessRun;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.SwappingAutoencoder;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/swapae-submit: the spark-submit command it prints (read back by the shell, as a user would paste it),
 * and a real run of the encode job through it with an official checkpoint, against a Spark home that holds only
 * Spark's jars, its own pickle 1.3 among them.
 */
class SwapaeSubmitIT {

    private static final Path ROOT = Path.of(System.getProperty("swapae.root")).toAbsolutePath().normalize();
    private static final Path SUBMIT = ROOT.resolve("deploy/bin/swapae-submit");
    private static final Duration PRINT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    /** What the encode job needs beyond Spark 3.5 (name prefixes of the shipped jars), s3a's jars last. */
    private static final List<String> JOB_JARS = List.of("swapae-common-", "api-0.36.0", "pytorch-engine-",
            "pytorch-jni-", "pytorch-native-cpu-", "gson-", "jna-", "imageio-jpeg-", "imageio-tiff-",
            "imageio-webp-", "imageio-bmp-", "picocli-");
    private static final List<String> S3A_JARS = List.of("hadoop-aws-3.3.4", "aws-java-sdk-bundle-");
    private static final Pattern SPARK_PROVIDED = Pattern.compile("^(spark-|scala-|hadoop-client-|jackson-|slf4j-).*");
    /** The pickle jar that Spark 3.5 distributions have in jars/ (the build copies it from Maven Central). */
    private static final Path SPARK_PICKLE = Path.of("target/test-tools/pickle-1.3.jar").toAbsolutePath();
    /** An official training run's folder: its checkpoint and the options it was trained with. */
    private static final Path OFFICIAL_RUN = ROOT.resolve("common/src/test/resources/fixtures/sae-parity-a");

    @TempDir
    Path dir;

    @Test
    void printsTheCommandAClusterNeedsWithTheUsersOptionsMerged() throws Exception {
        Submit submit = print("--master", "spark://head:7077", "--executor-memory", "4g",
                "--conf", "spark.executor.extraJavaOptions=-Dcolour=blue",
                "--driver-java-options", "-Dshape='round one'",
                "--conf", "spark.sql.shuffle.partitions=64",
                "--jars", "/site/extra.jar",
                "--", "encode", "--input", "s3a://photos/", "--output", "s3a://work/two words");

        assertThat(submit.program).isEqualTo(dir.resolve("spark/bin/spark-submit").toString());
        assertThat(submit.single("--class")).isEqualTo(Swapae.class.getName());
        assertThat(submit.primary).isEqualTo(jobJar().toString());
        assertThat(submit.job).containsExactly("encode", "--input", "s3a://photos/", "--output", "s3a://work/two words");
        assertThat(submit.single("--master")).isEqualTo("spark://head:7077");
        assertThat(submit.single("--executor-memory")).isEqualTo("4g");
        assertThat(submit.all("--driver-java-options")).isEmpty();
        assertThat(submit.all("--properties-file")).isEmpty();

        List<String> jars = Arrays.asList(submit.single("--jars").split(","));
        assertThat(jars.get(jars.size() - 1)).isEqualTo("/site/extra.jar");
        List<String> shipped = jars.subList(0, jars.size() - 1);
        assertThat(shipped).allSatisfy(j -> assertThat(Path.of(j)).isRegularFile().startsWith(ROOT));
        assertThat(names(shipped)).noneMatch(n -> SPARK_PROVIDED.matcher(n).matches());
        assertNamesCover(names(shipped), JOB_JARS);
        assertNamesCover(names(shipped), S3A_JARS);

        Map<String, String> conf = submit.conf();
        String ours = opens() + " -Dai.djl.offline=true";
        assertThat(conf.get("spark.driver.extraJavaOptions")).isEqualTo(ours + " -Dshape='round one'");
        assertThat(conf.get("spark.executor.extraJavaOptions")).isEqualTo(ours + " -Dcolour=blue");
        assertThat(conf.get("spark.executorEnv.GLIBC_TUNABLES")).isEqualTo(pomProperty("swapae.glibc.tunables"));
        assertThat(conf.get("spark.executorEnv.PYTORCH_VERSION")).isEqualTo(pomProperty("libtorch.version"));
        assertThat(conf.get("spark.sql.shuffle.partitions")).isEqualTo("64");
    }

    @Test
    void gpuAddsTheGpuPropertiesFileAndKeepsEachJavaOptionOnce() throws Exception {
        Submit submit = print("--gpu", "--conf", "spark.executor.extraJavaOptions=-Dcolour=blue", "--",
                "encode", "--input", "/data");

        assertThat(submit.single("--properties-file")).isEqualTo(ROOT.resolve("conf/spark-defaults-gpu.conf").toString());
        Map<String, String> conf = submit.conf();
        assertThat(conf.get("spark.executor.extraJavaOptions")).isEqualTo(opens() + " -Dai.djl.offline=true -Dcolour=blue");
        List<String> driverOptions = Arrays.asList(conf.get("spark.driver.extraJavaOptions").split(" "));
        for (String flag : opens().split(" ")) {
            assertThat(driverOptions).as("driver option %s", flag).containsOnlyOnce(flag);
        }
        assertThat(driverOptions).containsOnlyOnce("-Dai.djl.offline=true");
        assertThat(conf).as("set by the properties file").doesNotContainKeys("spark.executorEnv.GLIBC_TUNABLES",
                "spark.executorEnv.PYTORCH_VERSION");
    }

    @Test
    void gpuPropertiesFileHoldsWhatTheExecutorsNeed() throws IOException {
        Properties gpu = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("conf/spark-defaults-gpu.conf"))) {
            gpu.load(in);
        }

        assertThat(gpu.getProperty("spark.executor.resource.gpu.amount")).isEqualTo("1");
        assertThat(Double.parseDouble(gpu.getProperty("spark.task.resource.gpu.amount"))
                * Integer.parseInt(gpu.getProperty("spark.executor.cores"))).as("GPU slots equal the cores").isEqualTo(1.0);
        String script = gpu.getProperty("spark.executor.resource.gpu.discoveryScript");
        assertThat(script).startsWith("/opt/swapae/");
        assertThat(ROOT.resolve(script.substring("/opt/swapae/".length()))).isExecutable();
        for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            assertThat(gpu.getProperty(key).split(" ")).as(key).contains(opens().split(" "))
                    .contains("-Dai.djl.offline=true");
        }
        assertThat(gpu.getProperty("spark.executorEnv.GLIBC_TUNABLES")).isEqualTo(pomProperty("swapae.glibc.tunables"));
        assertThat(gpu.getProperty("spark.executorEnv.PYTORCH_VERSION")).isEqualTo(pomProperty("libtorch.version"));
    }

    @Test
    void namesTheApplicationAfterTheJobUnlessANameIsGiven() throws Exception {
        assertThat(print("--", "encode").single("--name")).isEqualTo("swapae encode");
        assertThat(print("--name", "landscapes", "--", "encode").single("--name")).isEqualTo("landscapes");
        assertThat(print("--conf", "spark.app.name=landscapes", "--", "encode").all("--name")).isEmpty();
    }

    @Test
    void s3aJarsCanBeLeftToTheCluster() throws Exception {
        List<String> byOption = names(Arrays.asList(print("--s3a-jars", "cluster", "--", "encode").single("--jars")
                .split(",")));
        List<String> byEnvironment = names(Arrays.asList(print(Map.of("SWAPAE_S3A_JARS", "cluster"), "--", "encode")
                .single("--jars").split(",")));

        assertNamesCover(byOption, JOB_JARS);
        assertThat(byOption).noneMatch(n -> S3A_JARS.stream().anyMatch(n::startsWith));
        assertThat(byEnvironment).isEqualTo(byOption);
    }

    @Test
    void installedAtPutsTheNodesCopiesFirstOnTheClassPathAndShipsNothing() throws Exception {
        List<String> shipped = Arrays.asList(print("--", "encode").single("--jars").split(","));
        Submit submit = print("--installed-at", "/opt/swapae", "--conf", "spark.executor.extraClassPath=/site/extra.jar",
                "--", "encode");

        assertThat(submit.all("--jars")).isEmpty();
        assertThat(submit.primary).isEqualTo("local:///opt/swapae/jobs/target/" + jobJar().getFileName());
        List<String> expected = shipped.stream().map(j -> "/opt/swapae/" + ROOT.relativize(Path.of(j)))
                .collect(Collectors.toList());
        Map<String, String> conf = submit.conf();
        assertThat(conf.get("spark.driver.extraClassPath").split(":")).containsExactlyElementsOf(expected);
        List<String> executor = new ArrayList<>(expected);
        executor.add("/site/extra.jar");
        assertThat(conf.get("spark.executor.extraClassPath").split(":")).containsExactlyElementsOf(executor);
    }

    @Test
    void refusesCommandsItCannotBuildWithAMessage() throws Exception {
        assertRefused(List.of("--master", "local[2]", "encode"), "no -- before the job");
        assertRefused(List.of("--class", "Other", "--", "encode"), "the main class is swapae's own");
        assertRefused(List.of("--gpu", "--properties-file", "site.conf", "--", "encode"), "give one or the other");
        assertRefused(List.of("--s3a-jars", "sometimes", "--", "encode"), "found 'sometimes'");
        assertRefused(List.of("--"), "no job after --");
    }

    @Test
    void shipsPickleOnlyInsideTheCommonJarUnderItsOwnPackage() throws Exception {
        List<String> shipped = Arrays.asList(print("--", "encode").single("--jars").split(","));

        assertThat(names(shipped)).noneMatch(n -> n.startsWith("pickle-"));
        Path common = shipped.stream().map(Path::of).filter(p -> p.getFileName().toString().startsWith("swapae-common-"))
                .findFirst().orElseThrow(() -> new AssertionError("no swapae-common jar in " + shipped));
        try (JarFile jar = new JarFile(common.toFile())) {
            List<String> entries = jar.stream().map(JarEntry::getName).collect(Collectors.toList());
            assertThat(entries).contains("io/swapae/shaded/pickle/Unpickler.class", "io/swapae/checkpoint/TorchUnpickler.class")
                    .noneMatch(e -> e.startsWith("net/razorvine/"));
        }
    }

    @Test
    void runsTheEncodeJobWithAnOfficialCheckpointOnALocalMasterWithSparkHavingOnlyItsOwnJars() throws Exception {
        Path images = EncodeDataset.images(Files.createDirectories(dir.resolve("images")), 4);
        Path official = Files.createDirectories(dir.resolve("checkpoints/parity"));
        Path model = Files.copy(OFFICIAL_RUN.resolve("checkpoint.pth"), official.resolve("latest_checkpoint.pth"));
        Files.copy(OFFICIAL_RUN.resolve("opt.json"), official.resolve("opt.json"));
        Path output = dir.resolve("out");
        SparkHome home = sparkWithoutSwapae();
        try {
            Map<String, String> environment = new HashMap<>(home.environment());
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            environment.put("SPARK_CONF_DIR", null);
            ProcessRun run = ProcessRun.run(List.of(SUBMIT.toString(), "--master", "local[2]",
                            "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                            "--conf", "spark.sql.shuffle.partitions=4",
                            "--", "encode", "--input", images.toUri().toString(), "--output", output.toUri().toString(),
                            "--model", model.toString(), "--batch-size", "2"),
                    environment, dir, JOB_TIMEOUT);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.stdout()).contains("4 encoded, 4 errors");
        } finally {
            home.delete();
        }
        List<Row> codes = TableCommits.readCommitted(TestSpark.session(), output.resolve("codes").toUri().toString(),
                Tables.CODES)
                .select("texture").collectAsList();
        assertThat(codes).hasSize(4);
        assertThat(codes).as("texture codes of the official checkpoint's size (opt.json: global_code_ch)")
                .allSatisfy(r -> assertThat(r.getList(0)).hasSize(256));
    }

    /**
     * A Spark home with this build's classpath less swapae and every jar swapae-submit ships: what remains is Spark
     * and its dependencies (and the test libraries), as in a distribution, with the pickle jar a distribution ships
     * in place of whichever pickle this build resolved.
     */
    private SparkHome sparkWithoutSwapae() throws Exception {
        Set<String> shipped = Set.copyOf(names(Arrays.asList(print("--", "encode").single("--jars").split(","))));
        Set<Path> swapae = Set.of(SparkHome.locationOf(SwapaeSubmitIT.class), SparkHome.locationOf(Swapae.class),
                SparkHome.locationOf(SwappingAutoencoder.class));
        List<Path> spark = SparkHome.currentClasspath().stream()
                .filter(p -> !swapae.contains(p) && !shipped.contains(p.getFileName().toString()))
                .filter(p -> !p.getFileName().toString().startsWith("pickle-"))
                .collect(Collectors.toList());
        assertThat(spark).as("the Spark home keeps Spark").anyMatch(p -> p.getFileName().toString().startsWith("spark-core"));
        assertThat(SPARK_PICKLE).as("Spark's pickle jar, copied by the build").isRegularFile();
        spark.add(SPARK_PICKLE);
        return SparkHome.assemble(Files.createDirectories(dir.resolve("spark-home")), spark,
                SparkHome.locationOf(SwapaeSubmitIT.class));
    }

    private Submit print(String... args) throws Exception {
        return print(Map.of(), args);
    }

    /** Runs swapae-submit --print and reads the printed command back with the shell. */
    private Submit print(Map<String, String> extraEnvironment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SUBMIT.toString(), "--print"));
        command.addAll(List.of(args));
        ProcessRun printed = ProcessRun.run(command, environment(extraEnvironment), dir, PRINT_TIMEOUT);
        assertThat(printed.exitCode()).as(printed.describe()).isZero();
        ProcessRun words = ProcessRun.run(List.of("bash", "-c", "eval \"set -- $1\"; printf '%s\\0' \"$@\"", "words",
                printed.stdout()), Map.of(), dir, PRINT_TIMEOUT);
        assertThat(words.exitCode()).as(words.describe()).isZero();
        return new Submit(Arrays.asList(words.stdout().split("\0")));
    }

    private void assertRefused(List<String> args, String message) throws Exception {
        List<String> command = new ArrayList<>(List.of(SUBMIT.toString(), "--print"));
        command.addAll(args);
        ProcessRun run = ProcessRun.run(command, environment(Map.of()), dir, PRINT_TIMEOUT);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("swapae-submit: ").contains(message);
    }

    private Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPARK_HOME", dir.resolve("spark").toString());
        environment.put("SPARK_CONF_DIR", null);
        environment.put("SWAPAE_S3A_JARS", null);
        environment.putAll(extra);
        return environment;
    }

    private static void assertNamesCover(List<String> names, List<String> prefixes) {
        for (String prefix : prefixes) {
            assertThat(names).as("a jar named %s*", prefix).anyMatch(n -> n.startsWith(prefix));
        }
    }

    private static List<String> names(List<String> paths) {
        return paths.stream().map(p -> Path.of(p).getFileName().toString()).collect(Collectors.toList());
    }

    private static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("jobs/target"))) {
            return files.filter(f -> f.getFileName().toString().matches("swapae-jobs-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().contains("-sources")).findFirst()
                    .orElseThrow(() -> new AssertionError("no job jar in jobs/target: run mvn package"));
        }
    }

    private static String opens() throws IOException {
        return pomProperty("java17.opens");
    }

    private static String pomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">(.*)</" + Pattern.quote(name) + ">")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        if (!m.find()) {
            throw new AssertionError("no <" + name + "> in pom.xml");
        }
        return m.group(1);
    }


    /** A spark-submit command line: the program, its options (each with one value), the job jar and the job's words. */
    private static final class Submit {
        final String program;
        final List<Map.Entry<String, String>> options = new ArrayList<>();
        final String primary;
        final List<String> job;

        Submit(List<String> words) {
            program = words.get(0);
            int i = 1;
            while (words.get(i).startsWith("--")) {
                options.add(Map.entry(words.get(i), words.get(i + 1)));
                i += 2;
            }
            primary = words.get(i);
            job = words.subList(i + 1, words.size());
        }

        List<String> all(String option) {
            return options.stream().filter(e -> e.getKey().equals(option)).map(Map.Entry::getValue)
                    .collect(Collectors.toList());
        }

        String single(String option) {
            List<String> values = all(option);
            assertThat(values).as("values of %s", option).hasSize(1);
            return values.get(0);
        }

        /** The --conf settings, the last one winning as in spark-submit. */
        Map<String, String> conf() {
            Map<String, String> conf = new LinkedHashMap<>();
            for (String setting : all("--conf")) {
                int eq = setting.indexOf('=');
                conf.put(setting.substring(0, eq), setting.substring(eq + 1));
            }
            return conf;
        }
    }
}
