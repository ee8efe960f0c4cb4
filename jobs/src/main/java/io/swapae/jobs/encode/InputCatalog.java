package io.swapae.jobs.encode;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

/**
 * Turns the job's input URIs into one table of inputs {@code (source, content)}: {@code content} holds the image
 * bytes for Parquet inputs that carry them and is null for files, which tasks read themselves. Accepted inputs: a
 * folder tree of images (recursive; extensions case-insensitive), a text list of URIs (one per line, {@code #}
 * comments), a Parquet table with a URI column, or a Parquet table with an image-bytes column.
 */
final class InputCatalog {

    /** File extensions taken from folder trees, lower case. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff", "webp");

    static final StructType INPUTS = new StructType(new StructField[] {
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("content", DataTypes.BinaryType, true),
    });

    private final SparkSession spark;
    private final EncodeOptions options;
    private boolean inlineContent;

    InputCatalog(SparkSession spark, EncodeOptions options) {
        this.spark = spark;
        this.options = options;
    }

    /** Whether {@link #inputs} found a Parquet input that carries image bytes. */
    boolean hasInlineContent() {
        return inlineContent;
    }

    /** All inputs of all URIs; an input URI that does not exist or holds nothing usable is a clear error. */
    Dataset<Row> inputs() throws IOException {
        Dataset<Row> all = null;
        for (String uri : options.inputs()) {
            Dataset<Row> one = resolve(uri);
            all = all == null ? one : all.unionByName(one);
        }
        return all;
    }

    private Dataset<Row> resolve(String uri) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("--input " + uri + ": not found");
        }
        String name = path.getName().toLowerCase(Locale.ROOT);
        if (status.isFile()) {
            if (name.endsWith(".parquet")) {
                return fromParquet(uri);
            }
            if (IMAGE_EXTENSIONS.contains(extension(name))) {
                return files(List.of(status.getPath().toString()));
            }
            return files(readList(fs, path));
        }
        List<String> images = new ArrayList<>();
        boolean parquet = false;
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            String fileName = f.getPath().getName();
            String lower = fileName.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".parquet")) {
                parquet = true;
            } else if (!fileName.startsWith(".") && !fileName.startsWith("_")
                    && IMAGE_EXTENSIONS.contains(extension(lower))) {
                images.add(f.getPath().toString());
            }
        }
        if (parquet) {
            return fromParquet(uri);
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("--input " + uri + ": no images found (extensions "
                    + IMAGE_EXTENSIONS + ", any case)");
        }
        images.sort(null);
        return files(images);
    }

    private Dataset<Row> files(List<String> sources) {
        List<Row> rows = new ArrayList<>(sources.size());
        for (String s : sources) {
            rows.add(RowFactory.create(s, null));
        }
        return spark.createDataFrame(rows, INPUTS);
    }

    private static List<String> readList(FileSystem fs, Path list) throws IOException {
        List<String> sources = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    Path p = new Path(s);
                    sources.add(p.isAbsoluteAndSchemeAuthorityNull() || p.toUri().getScheme() != null
                            ? p.toString() : new Path(list.getParent(), s).toString());
                }
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("--input " + list + ": the list holds no URIs");
        }
        return sources;
    }

    private Dataset<Row> fromParquet(String uri) {
        Dataset<Row> table = spark.read().parquet(uri);
        StructType schema = table.schema();
        String bytes = options.imageColumn();
        if (bytes == null) {
            for (StructField f : schema.fields()) {
                if (f.dataType() instanceof BinaryType) {
                    bytes = f.name();
                    break;
                }
            }
        }
        String source = options.sourceColumn();
        if (source == null) {
            for (String candidate : new String[] {"source", "uri", "path"}) {
                if (hasString(schema, candidate)) {
                    source = candidate;
                    break;
                }
            }
        }
        if (bytes != null) {
            if (!hasField(schema, bytes)) {
                throw new IllegalArgumentException("--image-column " + bytes + ": no such column in " + uri
                        + " (columns: " + String.join(", ", schema.fieldNames()) + ")");
            }
            inlineContent = true;
            org.apache.spark.sql.Column src = source != null ? col(source)
                    : concat(lit(uri + "#"), monotonically_increasing_id().cast("string"));
            return table.select(src.as("source"), col(bytes).as("content"));
        }
        if (source == null) {
            throw new IllegalArgumentException("--input " + uri + ": a Parquet input needs an image-bytes column or a"
                    + " URI column (source, uri or path; or --source-column); columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        return table.select(col(source).as("source")).as(Encoders.STRING())
                .map((org.apache.spark.api.java.function.MapFunction<String, Row>) s -> RowFactory.create(s, null),
                        Encoders.row(INPUTS));
    }

    private static boolean hasField(StructType schema, String name) {
        for (String f : schema.fieldNames()) {
            if (f.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasString(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name) && f.dataType() instanceof StringType) {
                return true;
            }
        }
        return false;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
