package io.swapae.jobs.directions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The files of a catalogue folder {@code CAT} (README: Direction catalogues): the Parquet tables {@code directions}
 * and {@code mean}, the portable export {@code directions.safetensors}, {@code catalogue.json} and
 * {@code index.html}. Written on any Hadoop file system; a rerun replaces them.
 */
final class CatalogueFiles {

    static final String DIRECTIONS = "directions";
    static final String MEAN = "mean";
    static final String EXPORT = "directions.safetensors";
    static final String JSON = "catalogue.json";
    static final String INDEX = "index.html";

    /** {@code CAT/directions}: one row per kept direction. */
    static final StructType DIRECTIONS_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("catalogue", DataTypes.StringType, false),
        DataTypes.createStructField("space", DataTypes.StringType, false),
        DataTypes.createStructField("component", DataTypes.IntegerType, false),
        DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
        DataTypes.createStructField("vector_shape", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
        DataTypes.createStructField("eigenvalue", DataTypes.DoubleType, false),
        DataTypes.createStructField("explained_variance_ratio", DataTypes.DoubleType, false),
        DataTypes.createStructField("sigma", DataTypes.DoubleType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
    });

    /** {@code CAT/mean}: the mean vector, one row. */
    static final StructType MEAN_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("catalogue", DataTypes.StringType, false),
        DataTypes.createStructField("space", DataTypes.StringType, false),
        DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
        DataTypes.createStructField("vector_shape", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
        DataTypes.createStructField("codes", DataTypes.LongType, false),
        DataTypes.createStructField("vectors", DataTypes.LongType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
    });

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;
    private final Path folder;

    CatalogueFiles(SparkSession spark, String folder) {
        this.spark = spark;
        this.folder = new Path(folder);
    }

    /** The URI of {@code name} inside the catalogue folder. */
    String location(String name) {
        return new Path(folder, name).toString();
    }

    /**
     * The catalogue in the folder, read from its {@code directions} and {@code mean} tables.
     *
     * @throws IllegalArgumentException when the folder holds no catalogue, naming what is missing
     */
    DirectionCatalogue read() {
        Configuration conf = hadoopConf();
        for (String table : List.of(DIRECTIONS, MEAN)) {
            Path path = new Path(folder, table);
            try {
                if (!path.getFileSystem(conf).exists(new Path(path, "_SUCCESS"))) {
                    throw new IllegalArgumentException("--catalogue: " + folder + " is not a direction catalogue (no "
                            + table + " table): give the --output folder of a finished `swapae directions` run");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the catalogue " + folder + ": " + e.getMessage(), e);
            }
        }
        Row mean = spark.read().schema(MEAN_SCHEMA).parquet(location(MEAN)).first();
        List<DirectionCatalogue.Direction> directions = new ArrayList<>();
        double total = 0;
        for (Row r : spark.read().schema(DIRECTIONS_SCHEMA).parquet(location(DIRECTIONS)).orderBy("component")
                .collectAsList()) {
            double[] vector = r.<Double>getList(3).stream().mapToDouble(Double::doubleValue).toArray();
            directions.add(new DirectionCatalogue.Direction(r.getInt(2), vector, r.getDouble(5), r.getDouble(6),
                    r.getDouble(7)));
            if (total == 0 && r.getDouble(6) > 0) {
                total = r.getDouble(5) / r.getDouble(6);
            }
        }
        int[] shape = mean.<Integer>getList(3).stream().mapToInt(Integer::intValue).toArray();
        return new DirectionCatalogue(mean.getString(0), CodeSpace.parse(mean.getString(1)), shape, mean.getLong(4),
                mean.getLong(5), mean.getString(6), mean.<Double>getList(2).stream().mapToDouble(Double::doubleValue)
                .toArray(), total, directions);
    }

    /** Writes {@code CAT/directions} and {@code CAT/mean}. */
    void writeTables(DirectionCatalogue c) {
        List<Row> rows = new ArrayList<>();
        for (DirectionCatalogue.Direction d : c.directions()) {
            rows.add(RowFactory.create(c.id(), c.space().label(), d.component(), d.vector(), c.vectorShape(),
                    d.eigenvalue(), d.explainedVarianceRatio(), d.sigma(), c.model()));
        }
        spark.createDataFrame(rows, DIRECTIONS_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(location(DIRECTIONS));
        Row mean = RowFactory.create(c.id(), c.space().label(), c.mean(), c.vectorShape(), c.codes(), c.vectors(),
                c.model());
        spark.createDataFrame(List.of(mean), MEAN_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(location(MEAN));
    }

    /**
     * Writes {@code CAT/directions.safetensors}: float64 tensors {@code mean} (the vector shape), {@code directions}
     * ({@code K} × the vector shape), {@code eigenvalues}, {@code explained_variance_ratio} and {@code sigma}
     * ({@code K}), with {@code description} as JSON under the metadata key {@code catalogue}.
     */
    void writeExport(DirectionCatalogue c, Map<String, Object> description) throws IOException {
        int k = c.directions().size();
        long[] shape = Arrays.stream(c.vectorShape()).mapToLong(v -> v).toArray();
        long[] stacked = new long[shape.length + 1];
        stacked[0] = k;
        System.arraycopy(shape, 0, stacked, 1, shape.length);
        double[] vectors = new double[k * c.dimension()];
        double[] eigenvalues = new double[k];
        double[] ratios = new double[k];
        double[] sigmas = new double[k];
        for (DirectionCatalogue.Direction d : c.directions()) {
            System.arraycopy(d.vector(), 0, vectors, d.component() * c.dimension(), c.dimension());
            eigenvalues[d.component()] = d.eigenvalue();
            ratios[d.component()] = d.explainedVarianceRatio();
            sigmas[d.component()] = d.sigma();
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("mean", float64("mean", shape, c.mean()));
        tensors.put("directions", float64("directions", stacked, vectors));
        tensors.put("eigenvalues", float64("eigenvalues", new long[] {k}, eigenvalues));
        tensors.put("explained_variance_ratio", float64("explained_variance_ratio", new long[] {k}, ratios));
        tensors.put("sigma", float64("sigma", new long[] {k}, sigmas));
        java.nio.file.Path local = Files.createTempFile("swapae-catalogue", ".safetensors");
        try {
            SafetensorsWriter.write(local, new StateDict(tensors),
                    Map.of("catalogue", JSON_MAPPER.writeValueAsString(description)));
            Path target = new Path(folder, EXPORT);
            target.getFileSystem(hadoopConf()).copyFromLocalFile(false, true, new Path(local.toUri()), target);
        } catch (CheckpointException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** Writes {@code CAT/catalogue.json}. */
    void writeDescription(Map<String, Object> description) throws IOException {
        write(JSON, JSON_MAPPER.writeValueAsBytes(description));
    }

    /** Writes {@code CAT/index.html}. */
    void writeIndex(String html) throws IOException {
        write(INDEX, html.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String name, byte[] bytes) throws IOException {
        Path target = new Path(folder, name);
        FileSystem fs = target.getFileSystem(hadoopConf());
        try (OutputStream out = fs.create(target, true)) {
            out.write(bytes);
        }
    }

    private Configuration hadoopConf() {
        return spark.sessionState().newHadoopConf();
    }

    private static TensorData float64(String name, long[] shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new TensorData(name, TensorData.DType.F64, shape, b);
    }
}
