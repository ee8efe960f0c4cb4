package io.swapae.jobs.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A minimal Spark distribution assembled from a classpath: {@code jars/} links every jar of it and holds each class
 * folder packaged as a jar, {@code conf/} a log configuration that keeps the scheduler's task lines, and
 * {@code bin/spark-submit} runs Spark's launcher library as a distribution's does. Spark's own launcher code (the
 * worker starting executors, spark-submit building the driver's command) finds everything it needs there.
 */
final class SparkHome {

    private static final String LOG_CONFIG = String.join("\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stderr.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
            "logger.scheduler.name = org.apache.spark.scheduler",
            "logger.scheduler.level = info",
            "logger.deploy.name = org.apache.spark.deploy",
            "logger.deploy.level = info",
            "");

    private final Path home;
    private final Map<Path, Path> jars;

    private SparkHome(Path home, Map<Path, Path> jars) {
        this.home = home;
        this.jars = jars;
    }

    /** Assembles a Spark home in {@code dir} from the {@code classpath} entries, leaving out {@code excluded}. */
    static SparkHome assemble(Path dir, List<Path> classpath, Path excluded) throws IOException {
        Path jarsDir = Files.createDirectories(dir.resolve("jars"));
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/log4j2.properties"), LOG_CONFIG);
        Files.writeString(dir.resolve("RELEASE"), "Spark assembled from a test classpath\n");
        Path submit = Files.createDirectories(dir.resolve("bin")).resolve("spark-submit");
        try (InputStream script = SparkHome.class.getResourceAsStream("spark-submit")) {
            Files.copy(script, submit);
        }
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<Path, Path> jars = new HashMap<>();
        int n = 0;
        for (Path entry : classpath) {
            Path target;
            if (entry.equals(excluded) || !Files.exists(entry)) {
                continue;
            } else if (Files.isDirectory(entry)) {
                target = jarsDir.resolve(String.format("classes-%02d.jar", n++));
                packageFolder(entry, target);
            } else if (entry.getFileName().toString().endsWith(".jar")) {
                target = jarsDir.resolve(entry.getFileName());
                if (Files.exists(target)) {
                    target = jarsDir.resolve(String.format("%02d-%s", n++, entry.getFileName()));
                }
                Files.createSymbolicLink(target, entry.toAbsolutePath());
            } else {
                continue;
            }
            jars.put(entry, target);
        }
        return new SparkHome(dir, jars);
    }

    /** The entries of this JVM's classpath. */
    static List<Path> currentClasspath() {
        List<Path> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    /** The classpath entry that {@code type} was loaded from. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jar in {@code jars/} that holds {@code type}. */
    Path jarOf(Class<?> type) {
        Path jar = jars.get(locationOf(type));
        if (jar == null) {
            throw new IllegalStateException(type + " is not on the assembled classpath");
        }
        return jar;
    }

    /** A {@code java} command line for {@code mainClass} on this Spark home's classpath. */
    List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(home.resolve("conf") + java.io.File.pathSeparator + home.resolve("jars") + "/*");
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The environment Spark's processes need: the home, the loopback address, the Scala version. */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_SCALA_VERSION", "2.12");
    }

    /** Deletes this Spark home: its links, not what they point to. */
    void delete() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).collect(java.util.stream.Collectors.toList())) {
                Files.delete(f);
            }
        }
    }

    private static void packageFolder(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                try {
                    out.putNextEntry(new JarEntry(folder.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
