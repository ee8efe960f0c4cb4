package io.swapae.jobs.encode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: the content id (SHA-256 of the bytes, lower-case hex) of each input file, or why it could not be read.
 */
final class ContentIds implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("id", DataTypes.StringType, true),
        DataTypes.createStructField("read_error", DataTypes.StringType, true),
    });

    private final SerializableConfiguration conf;

    ContentIds(SerializableConfiguration conf) {
        this.conf = conf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sources) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return sources.hasNext();
            }

            @Override
            public Row next() {
                String source = sources.next().getString(0);
                try {
                    return RowFactory.create(source, sha256(source), null);
                } catch (IOException | RuntimeException e) {
                    return RowFactory.create(source, null, oneLine(e));
                }
            }
        };
    }

    private String sha256(String source) throws IOException {
        Path path = new Path(source);
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(path.getFileSystem(conf.value()).open(path), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
