package io.swapae.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on the loopback interface: one master and single-core workers, each its own JVM
 * started from a {@link SparkHome}. Closing it kills the executors, the workers and the master.
 */
final class LocalStandaloneCluster implements AutoCloseable {

    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final Pattern EXECUTOR_ID = Pattern.compile("--executor-id (\\S+)");
    private static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private final SparkHome home;
    private final Path logs;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopProcesses);
    private String masterUrl;
    private int masterUiPort;

    private LocalStandaloneCluster(SparkHome home, Path logs) {
        this.home = home;
        this.logs = logs;
    }

    /**
     * Starts a master and {@code workers} workers of one core and {@code workerMemory} each, and waits until all
     * workers are registered (at most {@code timeout}).
     */
    static LocalStandaloneCluster start(SparkHome home, Path dir, int workers, String workerMemory,
            List<String> jvmOptions, Duration timeout) throws IOException, InterruptedException {
        LocalStandaloneCluster cluster = new LocalStandaloneCluster(home, Files.createDirectories(dir.resolve("logs")));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            int port = freePort();
            cluster.masterUiPort = freePort();
            cluster.masterUrl = "spark://127.0.0.1:" + port;
            cluster.launch("master", jvmOptions, "org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1",
                    "--port", String.valueOf(port), "--webui-port", String.valueOf(cluster.masterUiPort)));
            for (int i = 0; i < workers; i++) {
                Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
                cluster.workDirs.add(workDir);
                cluster.workers.add(cluster.launch("worker-" + i, jvmOptions, "org.apache.spark.deploy.worker.Worker",
                        List.of("--host", "127.0.0.1", "--port", String.valueOf(freePort()), "--webui-port",
                                String.valueOf(freePort()), "--cores", "1", "--memory", workerMemory, "--work-dir",
                                workDir.toString(), cluster.masterUrl)));
            }
            cluster.awaitWorkers(workers, timeout);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** Starts {@code mainClass} as a Spark process of this cluster's home, its output in {@code logs/<name>.log}. */
    Process launch(String name, List<String> jvmOptions, String mainClass, List<String> args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.javaCommand(jvmOptions, mainClass, args))
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().putAll(home.environment());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** The output of the process started as {@code name}. */
    String log(String name) {
        try {
            Path file = logs.resolve(name + ".log");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Spark executor id of an executor JVM, from its command line. */
    static String executorId(ProcessHandle executor) {
        Matcher m = EXECUTOR_ID.matcher(executor.info().commandLine().orElse(""));
        if (!m.find()) {
            throw new IllegalStateException("no executor id in " + executor.info().commandLine());
        }
        return m.group(1);
    }

    /** Whether the process has mapped a shared library whose file name contains {@code name} (Linux). */
    static boolean hasLoaded(ProcessHandle process, String name) {
        try (Stream<String> maps = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "maps"))) {
            return maps.anyMatch(line -> line.contains(name));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The live executor JVMs the workers started. */
    Stream<ProcessHandle> executors() {
        return workers.stream().flatMap(Process::descendants).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(EXECUTOR_MAIN));
    }

    /** Every log of the cluster: its processes' and the executors' (from the workers' work folders). */
    String logs() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Stream.concat(Files.list(logs), workDirs.stream().flatMap(LocalStandaloneCluster::walk))) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".log") || f.getFileName().toString().equals("stderr"))
                    .sorted().collect(Collectors.toList())) {
                all.append("===== ").append(f).append('\n').append(tail(Files.readString(f), 30_000)).append('\n');
            }
        } catch (IOException e) {
            all.append("(logs unreadable: ").append(e).append(")\n");
        }
        return all.toString();
    }

    @Override
    public void close() {
        stopProcesses();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    private void stopProcesses() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitWorkers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = masterState();
            Matcher m = ALIVE_WORKERS.matcher(state);
            if (m.find() && Integer.parseInt(m.group(1)) >= count) {
                return;
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process exited with " + p.exitValue() + "\n" + logs());
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("fewer than " + count + " workers registered within " + timeout
                + "; master state: " + state + "\n" + logs());
    }

    private String masterState() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + masterUiPort + "/json/")
                    .toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try (var in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return "";
        }
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.collect(Collectors.toList()).stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "…" + text.substring(text.length() - chars);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
