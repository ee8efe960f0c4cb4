package io.swapae.jobs.testing;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import io.swapae.jobs.storage.ObjectStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server on 127.0.0.1 for tests: s3proxy (in-memory {@code transient} store, AWS v2/v4 signatures with the
 * fixed keys {@link #ACCESS_KEY}/{@link #SECRET_KEY}) run as a separate Java process from
 * {@code target/test-tools/s3proxy.jar}, which the build copies there (override with {@code -Dswapae.s3proxy.jar}).
 */
public final class S3Server implements AutoCloseable {

    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "swapae-test-access";
    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "swapae-test-secret";

    private static final String LOG = "s3proxy.log";
    private static final int LOG_TAIL = 4000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static S3Server shared;

    private final Process process;
    private final Path dir;
    private final String endpoint;
    private final AmazonS3 client;

    private S3Server(Process process, Path dir, String endpoint) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
        this.client = AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(endpoint, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** The server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized S3Server shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Starts a new server on a free loopback port and waits until it answers. */
    public static S3Server start() {
        try {
            Path jar = Paths.get(System.getProperty("swapae.s3proxy.jar", "target/test-tools/s3proxy.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no s3proxy jar at " + jar.toAbsolutePath()
                        + ": run the build's generate-test-resources phase (mvn test-compile) first");
            }
            int port = freePort();
            String endpoint = "http://127.0.0.1:" + port;
            Path dir = Files.createTempDirectory("swapae-s3proxy");
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY) + "\n");
            Process process = new ProcessBuilder(javaBinary(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                    "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(LOG).toFile())
                    .start();
            S3Server server = new S3Server(process, dir, endpoint);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start s3proxy", e);
        }
    }

    /** The server's URL, {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return endpoint;
    }

    /** Options that point s3a at this server with the right keys. */
    public ObjectStorage.Options options() {
        return ObjectStorage.Options.endpoint(endpoint, ACCESS_KEY, SECRET_KEY);
    }

    /** Creates {@code bucket} (through the S3 API) unless it exists; returns its name. */
    public String createBucket(String bucket) {
        if (!client.doesBucketExistV2(bucket)) {
            client.createBucket(bucket);
        }
        return bucket;
    }

    /** The keys stored in {@code bucket} under {@code prefix}. */
    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2(bucket, prefix).getObjectSummaries().stream().map(o -> o.getKey()).toList();
    }

    /** Stops the server process (and any process it started). */
    @Override
    public void close() {
        client.shutdown();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    /** Whether the server process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = logText();
                close();
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; its log:\n" + log);
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String log = logText();
        close();
        throw new IllegalStateException("s3proxy did not answer at " + endpoint + " within " + START_TIMEOUT.toSeconds()
                + " s; its log:\n" + log);
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private String logText() {
        try {
            String text = Files.readString(dir.resolve(LOG), StandardCharsets.UTF_8);
            return text.length() <= LOG_TAIL ? text : "..." + text.substring(text.length() - LOG_TAIL);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(command -> command.endsWith("java"))
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }
}
