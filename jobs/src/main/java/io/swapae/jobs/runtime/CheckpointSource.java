package io.swapae.jobs.runtime;

import io.swapae.checkpoint.Fingerprint;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;

/**
 * Where a job's tasks find the checkpoint of its model: a local path (read in place: Spark's local mode, or a
 * folder every machine mounts), a file shipped with the job to every executor ({@link CheckpointShipping}), or a
 * Hadoop URI that each JVM copies once to local disk ({@link RemoteCheckpoints}).
 */
public final class CheckpointSource implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind { PATH, SHIPPED, URI }

    private final Kind kind;
    private final String location;

    private CheckpointSource(Kind kind, String location) {
        this.kind = kind;
        this.location = location;
    }

    /** The checkpoint file at {@code file} on this machine. */
    public static CheckpointSource path(Path file) {
        return new CheckpointSource(Kind.PATH, file.toAbsolutePath().normalize().toString());
    }

    /** The checkpoint file at a Hadoop URI ({@code s3a://}, {@code hdfs://}, {@code file://}, ...). */
    public static CheckpointSource uri(URI uri) {
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("a checkpoint URI needs a scheme (s3a://, hdfs://, file://), got "
                    + uri);
        }
        return new CheckpointSource(Kind.URI, uri.toString());
    }

    /**
     * The checkpoint as a file of this JVM, on the driver or an executor: the path itself, the shipped file, or this
     * JVM's copy of the URI (made by the first caller, with {@code hadoop}'s settings).
     */
    public Path localFile(Configuration hadoop) throws IOException {
        return switch (kind) {
            case PATH -> Path.of(location);
            case SHIPPED -> Path.of(SparkFiles.get(location));
            case URI -> RemoteCheckpoints.jvm().localCopy(URI.create(location), hadoop);
        };
    }

    /**
     * What the executors of {@code spark} read: a path when the master is not local is shipped with the job (the
     * model whose weights have {@code fingerprint}); otherwise this source as it is.
     */
    public CheckpointSource forExecutors(SparkContext spark, Fingerprint fingerprint) throws IOException {
        if (kind != Kind.PATH || spark.isLocal()) {
            return this;
        }
        return new CheckpointSource(Kind.SHIPPED, CheckpointShipping.ship(spark, Path.of(location), fingerprint));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointSource s && s.kind == kind && s.location.equals(location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, location);
    }

    /** The path or URI; {@code shipped:NAME} for a shipped file. */
    @Override
    public String toString() {
        return kind == Kind.SHIPPED ? "shipped:" + location : location;
    }
}
