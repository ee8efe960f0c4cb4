package io.swapae.jobs.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.fs.s3a.UnknownStoreException;
import org.apache.hadoop.fs.s3a.auth.NoAuthWithAWSException;

/**
 * Up-front checks that an input can be read and an output root written, through the same Hadoop {@link FileSystem}
 * the job will use, so that a bad URI fails before any work. Failures are {@link StorageException}s with one-line
 * messages: a missing bucket, wrong credentials, an unknown host or refused connection, a missing path.
 */
public final class StorageCheck {

    private static final Pattern AWS_ERROR_CODE = Pattern.compile("Error Code: ([^;)]+)");

    private StorageCheck() {
    }

    /** Checks that {@code uri} (a file or a folder) exists and can be listed or opened. */
    public static void readable(String uri, Configuration conf) {
        Path path = path(uri);
        try (FileSystem fs = open(path, conf)) {
            FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory()) {
                fs.listStatus(path);
            } else {
                fs.open(path).close();
            }
        } catch (FileNotFoundException e) {
            throw new StorageException(bucketMissing(path, e) ? noBucket(uri) : "input does not exist: " + uri, e);
        } catch (IOException | RuntimeException e) {
            throw translate(uri, e);
        }
    }

    /**
     * Checks that {@code uri} is, or can be made, a folder in which files can be created and deleted: creates it when
     * missing and writes then deletes a small probe file in it.
     */
    public static void writable(String uri, Configuration conf) {
        Path root = path(uri);
        try (FileSystem fs = open(root, conf)) {
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                throw new StorageException("output root is a file, not a folder: " + uri, null);
            }
            if (!fs.mkdirs(root)) {
                throw new StorageException("cannot create output folder " + uri, null);
            }
            Path probe = new Path(root, "_swapae-probe-" + UUID.randomUUID());
            try (FSDataOutputStream out = fs.create(probe, false)) {
                out.write('.');
            }
            fs.delete(probe, false);
        } catch (FileNotFoundException e) {
            throw new StorageException(bucketMissing(root, e) ? noBucket(uri) : "cannot write to " + uri + ": "
                    + firstLine(e), e);
        } catch (IOException | RuntimeException e) {
            throw e instanceof StorageException s ? s : translate(uri, e);
        }
    }

    /** A one-line description of why {@code uri} could not be used, from the exception a file system threw. */
    public static StorageException translate(String uri, Exception e) {
        Path path = path(uri);
        String scheme = path.toUri().getScheme();
        boolean s3 = scheme != null && scheme.startsWith("s3");
        if (bucketMissing(path, e)) {
            return new StorageException(noBucket(uri), e);
        }
        if (e instanceof UnsupportedFileSystemException) {
            return new StorageException("unsupported file system scheme '" + scheme + "' in " + uri, e);
        }
        if (s3 && (cause(e, NoAuthWithAWSException.class) != null
                || String.valueOf(e.getMessage()).contains(NoAuthWithAWSException.class.getSimpleName()))) {
            return new StorageException("no S3 credentials for " + uri + ": set fs.s3a.access.key/fs.s3a.secret.key, "
                    + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or fs.s3a.aws.credentials.provider", e);
        }
        if (e instanceof AccessDeniedException) {
            return new StorageException(s3
                    ? "access denied to " + uri + ": check the credentials (fs.s3a.access.key/fs.s3a.secret.key or "
                            + "fs.s3a.aws.credentials.provider) and the bucket's permissions" + awsCode(e)
                    : "permission denied: " + uri, e);
        }
        UnknownHostException unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost != null) {
            return new StorageException("unknown host '" + unknownHost.getMessage().split(":")[0] + "' for " + uri
                    + (s3 ? " (check fs.s3a.endpoint)" : ""), e);
        }
        ConnectException refused = cause(e, ConnectException.class);
        if (refused != null) {
            return new StorageException("cannot connect to the storage of " + uri + ": " + firstLine(refused)
                    + (s3 ? " (check fs.s3a.endpoint)" : ""), e);
        }
        SocketTimeoutException timeout = cause(e, SocketTimeoutException.class);
        if (timeout != null) {
            return new StorageException("timed out reaching the storage of " + uri
                    + (s3 ? " (check fs.s3a.endpoint)" : ""), e);
        }
        return new StorageException("cannot use " + uri + ": " + firstLine(e), e);
    }

    private static Path path(String uri) {
        try {
            return new Path(uri);
        } catch (IllegalArgumentException e) {
            throw new StorageException("not a valid path or URI: " + uri, e);
        }
    }

    private static FileSystem open(Path path, Configuration conf) throws IOException {
        return FileSystem.newInstance(path.toUri(), conf);
    }

    private static boolean bucketMissing(Path path, Throwable e) {
        return cause(e, UnknownStoreException.class) != null
                || "s3a".equals(path.toUri().getScheme()) && String.valueOf(e.getMessage()).contains("NoSuchBucket");
    }

    private static String noBucket(String uri) {
        return "bucket '" + new Path(uri).toUri().getHost() + "' does not exist (" + uri + ")";
    }

    private static String awsCode(Throwable e) {
        Matcher code = AWS_ERROR_CODE.matcher(String.valueOf(e.getMessage()));
        return code.find() ? " (" + code.group(1).strip() + ")" : "";
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
