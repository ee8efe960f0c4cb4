package io.swapae.jobs.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop settings that let jobs use {@code s3a://} buckets.
 *
 * <p>Two ways in, both ending in the Hadoop configuration that Spark ships to its tasks:
 * <ul>
 *   <li>Spark conf: {@code --conf spark.hadoop.fs.s3a.endpoint=...} and any other {@code spark.hadoop.fs.s3a.*} key
 *       (Spark copies them into {@code sparkContext().hadoopConfiguration()});</li>
 *   <li>job options: {@link #configure(Configuration, Options)} on that configuration before the job reads or writes.</li>
 * </ul>
 * Options given explicitly win. The fail-fast defaults ({@link #FAIL_FAST}) replace Hadoop's own defaults, which
 * retry a wrong endpoint for minutes, but never a value the user set.
 */
public final class ObjectStorage {

    /** Fewer, shorter retries than Hadoop 3.3.4's defaults (20 SDK attempts x 7 S3A retries, 200 s socket timeout). */
    public static final Map<String, String> FAIL_FAST = Map.of(
            "fs.s3a.attempts.maximum", "3",
            "fs.s3a.retry.limit", "3",
            "fs.s3a.retry.interval", "250ms",
            "fs.s3a.connection.establish.timeout", "5000",
            "fs.s3a.connection.timeout", "60000");

    private static final String CORE_DEFAULTS = "core-default.xml";

    private ObjectStorage() {
    }

    /**
     * S3 connection options; {@code null} leaves a setting to the configuration (and the default credential chain:
     * environment variables, instance profile, ...).
     *
     * @param endpoint  an S3-compatible endpoint such as {@code http://127.0.0.1:9000}; {@code http://} turns SSL off
     * @param region    the signing region, {@code us-east-1} when an endpoint is given without one
     * @param accessKey access key; with {@code secretKey}, selects {@code SimpleAWSCredentialsProvider}
     * @param secretKey secret key
     * @param pathStyle path-style requests ({@code http://host/bucket/key}); on by default with an endpoint
     */
    public record Options(String endpoint, String region, String accessKey, String secretKey, Boolean pathStyle) {

        /** Options for an S3-compatible server at {@code endpoint} with fixed keys. */
        public static Options endpoint(String endpoint, String accessKey, String secretKey) {
            return new Options(endpoint, null, accessKey, secretKey, null);
        }

        /** Nothing explicit: only the fail-fast defaults are applied. */
        public static Options none() {
            return new Options(null, null, null, null, null);
        }
    }

    /** Applies {@code options} and the fail-fast defaults to {@code conf}; returns {@code conf}. */
    public static Configuration configure(Configuration conf, Options options) {
        FAIL_FAST.forEach((key, value) -> {
            if (!userSet(conf, key)) {
                conf.set(key, value, "swapae fail-fast default");
            }
        });
        if ((options.accessKey() == null) != (options.secretKey() == null)) {
            throw new IllegalArgumentException("give both the S3 access key and the secret key, or neither");
        }
        if (options.endpoint() != null) {
            conf.set("fs.s3a.endpoint", options.endpoint());
            conf.setBoolean("fs.s3a.connection.ssl.enabled", !options.endpoint().startsWith("http://"));
            conf.set("fs.s3a.endpoint.region", options.region() != null ? options.region() : "us-east-1");
            conf.setBoolean("fs.s3a.path.style.access", options.pathStyle() == null || options.pathStyle());
        } else {
            if (options.region() != null) {
                conf.set("fs.s3a.endpoint.region", options.region());
            }
            if (options.pathStyle() != null) {
                conf.setBoolean("fs.s3a.path.style.access", options.pathStyle());
            }
        }
        if (options.accessKey() != null) {
            conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            conf.set("fs.s3a.access.key", options.accessKey());
            conf.set("fs.s3a.secret.key", options.secretKey());
        }
        return conf;
    }

    private static boolean userSet(Configuration conf, String key) {
        String[] sources = conf.getPropertySources(key);
        return sources != null && !Arrays.asList(sources).equals(List.of(CORE_DEFAULTS));
    }
}
