package io.swapae.jobs.runtime;

import io.swapae.runtime.ModelCache;
import io.swapae.runtime.ModelLoadException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Local copies of checkpoints behind Hadoop URIs ({@code s3a://}, {@code hdfs://}, {@code file://}), made at most once
 * per URI however many tasks ask at the same time. A copy keeps the name of the checkpoint's folder and the options
 * file beside it ({@code opt.txt}, {@code opt.json}), so that it loads as the original would (a released model is
 * recognised by its folder name). {@link #jvm()} holds this JVM's copies, deleted when it exits.
 */
public final class RemoteCheckpoints {

    private static final List<String> OPTION_FILES = List.of("opt.txt", "opt.json");
    private static RemoteCheckpoints jvm;

    private final Path root;
    private final ModelCache<Request, Path> copies;
    private final AtomicInteger made = new AtomicInteger();

    /** Copies kept under {@code root}. */
    public RemoteCheckpoints(Path root) {
        this.root = root;
        this.copies = new ModelCache<>(r -> copy(r.uri(), r.hadoop()));
    }

    /** This JVM's copies, in a temporary folder deleted when the JVM exits. */
    public static synchronized RemoteCheckpoints jvm() throws IOException {
        if (jvm == null) {
            Path root = Files.createTempDirectory("swapae-checkpoints");
            root.toFile().deleteOnExit();
            jvm = new RemoteCheckpoints(root);
        }
        return jvm;
    }

    /** The local copy of the checkpoint at {@code uri}, made on first use with the Hadoop configuration given. */
    public Path localCopy(URI uri, Configuration hadoop) throws IOException {
        try {
            return copies.get(new Request(uri, hadoop));
        } catch (ModelLoadException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(e.getMessage(), cause);
        }
    }

    private Path copy(URI uri, Configuration hadoop) throws IOException {
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = remote.getFileSystem(hadoop);
        FileStatus status;
        try {
            status = fs.getFileStatus(remote);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("no checkpoint at " + uri);
        }
        if (status.isDirectory()) {
            throw new IOException(uri + " is a folder; give the checkpoint file in it");
        }
        org.apache.hadoop.fs.Path parent = remote.getParent();
        String folder = parent == null || parent.getName().isEmpty() ? "checkpoint" : parent.getName();
        Path dir = created(created(root.resolve(Integer.toString(made.incrementAndGet()))).resolve(folder));
        Path local = dir.resolve(remote.getName());
        copyFile(fs, remote, local);
        for (String name : parent == null ? List.<String>of() : OPTION_FILES) {
            org.apache.hadoop.fs.Path options = new org.apache.hadoop.fs.Path(parent, name);
            if (fs.exists(options)) {
                copyFile(fs, options, dir.resolve(name));
            }
        }
        return local;
    }

    private static void copyFile(FileSystem fs, org.apache.hadoop.fs.Path from, Path to) throws IOException {
        to.toFile().deleteOnExit();
        try (InputStream in = fs.open(from)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path created(Path dir) throws IOException {
        Files.createDirectories(dir);
        dir.toFile().deleteOnExit();
        return dir;
    }

    /** A copy request: requests for one URI are equal whatever configuration comes with them. */
    private record Request(URI uri, Configuration hadoop) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && r.uri.equals(uri);
        }

        @Override
        public int hashCode() {
            return uri.hashCode();
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }
}
