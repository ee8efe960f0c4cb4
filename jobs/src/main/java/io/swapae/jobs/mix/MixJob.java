package io.swapae.jobs.mix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageGrid;
import io.swapae.image.Preprocess;
import io.swapae.image.RgbImage;
import io.swapae.jobs.Versions;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.latent.TextureInterpolation;
import io.swapae.model.ComputePath;
import io.swapae.runtime.DeviceChoice;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The mix job in grid mode: rows are structure sources, columns texture sources ({@code swap}) or the steps of an
 * interpolation between two texture sources ({@code interpolate}).
 *
 * <p>Chooses the sources in the committed codes (by id or prefix, or a seeded sample), refuses codes of several
 * models, decodes the cells not yet in {@code OUT/generated} on the executors ({@link CellRenderer}) with the model
 * that made the codes, commits their rows as one run of {@code OUT/generated}, writes one grid picture per tile of
 * at most {@code --tile}² cells and {@code OUT/_run.json}. A cell's id hashes what it is made of, so a rerun decodes
 * and records nothing twice. Every cell of a row gets the noise of its structure source under the seed.
 */
public final class MixJob {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    /** A source of the grid, as the codes table holds it. */
    private record Source(String id, String model, String preprocess, float[] structure, int[] shape,
                          float[] texture) {
    }

    /** A cell of the grid and the {@code generated} row it becomes. */
    private record Planned(CellRenderer.Cell cell, String params, List<String> structureIds,
                           List<String> textureIds) {
    }

    private final SparkSession spark;
    private final MixOptions options;

    public MixJob(SparkSession spark, MixOptions options) {
        this.spark = spark;
        this.options = options;
    }

    /** Runs the job; the output root then holds every cell of the grid, its grid pictures and {@code _run.json}. */
    public MixSummary run() throws IOException {
        long start = System.nanoTime();
        if (TableCommits.committedRuns(spark, options.codes()).isEmpty()) {
            throw new IllegalArgumentException("no committed codes in " + options.codes()
                    + ": give the codes table of an encode run (ROOT/codes) whose runs have finished");
        }
        spark.sparkContext().setJobGroup("swapae-mix", "mix: " + options.op().label() + " grid of "
                + options.codes() + " -> " + options.output(), false);
        try {
            Dataset<Row> codes = TableCommits.readCommitted(spark, options.codes(), Tables.CODES);
            List<String> rowIds;
            List<String> columnIds;
            if (options.sample() > 0) {
                List<String> sampled = codes.select("id").distinct().orderBy(xxhash64(col("id"), lit(options.seed())))
                        .limit(options.sample()).as(Encoders.STRING()).collectAsList();
                rowIds = sampled;
                columnIds = options.op() == MixOp.SWAP ? sampled : sampled.subList(0, Math.min(2, sampled.size()));
                if (options.op() == MixOp.INTERPOLATE && columnIds.size() < 2) {
                    throw new IllegalArgumentException("--op interpolate needs two codes, " + options.codes()
                            + " holds " + columnIds.size());
                }
            } else {
                rowIds = resolve(codes, options.rows(), "--rows");
                columnIds = resolve(codes, options.columns(), "--columns");
            }
            Map<String, Source> sources = sources(codes, rowIds, columnIds);
            String fingerprint = sources.values().iterator().next().model();
            EncodeModel model = model(fingerprint, preprocess(sources.values().iterator().next()));

            List<List<Planned>> grid = plan(rowIds, columnIds, sources, fingerprint);
            String table = new Path(options.output(), GeneratedTable.FOLDER).toString();
            Set<String> committed = new HashSet<>(TableCommits.readCommitted(spark, table, GeneratedTable.SCHEMA)
                    .select("id").as(Encoders.STRING()).collectAsList());
            Map<String, Planned> todo = new LinkedHashMap<>();
            int cells = 0;
            for (List<Planned> row : grid) {
                for (Planned p : row) {
                    cells++;
                    if (!committed.contains(p.cell().id())) {
                        todo.putIfAbsent(p.cell().id(), p);
                    }
                }
            }
            String run = todo.isEmpty() ? null : commit(table, todo, decode(model, todo.values()), fingerprint);
            List<String> grids = writeGrids(grid);
            double seconds = (System.nanoTime() - start) / 1e9;
            MixSummary summary = new MixSummary(cells, todo.size(), cells - todo.size(), run, grids, seconds);
            writeRunJson(summary, fingerprint, rowIds, columnIds);
            return summary;
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** The full content id of each id or prefix, in order; refuses one matching no code or several. */
    private static List<String> resolve(Dataset<Row> codes, List<String> prefixes, String option) {
        List<String> ids = new ArrayList<>();
        for (String prefix : prefixes) {
            List<String> matches = codes.select("id").where(col("id").startsWith(prefix.toLowerCase(Locale.ROOT)))
                    .distinct().limit(3).as(Encoders.STRING()).collectAsList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException(option + ": no code in the codes table has an id starting with '"
                        + prefix + "'");
            }
            if (matches.size() > 1) {
                throw new IllegalArgumentException(option + ": '" + prefix + "' is the start of several code ids ("
                        + String.join(", ", matches) + (matches.size() == 3 ? ", …" : "") + "): give more digits");
            }
            ids.add(matches.get(0));
        }
        return ids;
    }

    /** The codes of the chosen sources by id; refuses sources made by several models, naming their fingerprints. */
    private static Map<String, Source> sources(Dataset<Row> codes, List<String> rowIds, List<String> columnIds) {
        Set<String> wanted = new HashSet<>(rowIds);
        wanted.addAll(columnIds);
        Map<String, Source> sources = new LinkedHashMap<>();
        Map<String, Set<String>> byModel = new LinkedHashMap<>();
        for (Row r : codes.where(col("id").isin(wanted.toArray())).select("id", "model", "preprocess", "structure",
                "structure_shape", "texture").collectAsList()) {
            byModel.computeIfAbsent(r.getString(1), m -> new HashSet<>()).add(r.getString(0));
            sources.putIfAbsent(r.getString(0), new Source(r.getString(0), r.getString(1), r.getString(2),
                    floats(r.getList(3)), r.<Integer>getList(4).stream().mapToInt(Integer::intValue).toArray(),
                    floats(r.getList(5))));
        }
        if (byModel.size() > 1) {
            throw new IllegalArgumentException("the chosen codes come from " + byModel.size() + " models: "
                    + byModel.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().size() + " codes)")
                    .collect(Collectors.joining(", ")) + "; a grid mixes the codes of one model: choose codes of"
                    + " one of them");
        }
        return sources;
    }

    private static Preprocess preprocess(Source source) {
        String[] parts = source.preprocess().split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("the codes record the preprocessing '" + source.preprocess()
                    + "', not mode/load_size/crop_size");
        }
        return Preprocess.of(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    /** {@code --model}, which must be the model that made the codes, or the embedded default when it made them. */
    private EncodeModel model(String fingerprint, Preprocess preprocess) throws IOException {
        RuntimeOptions runtime = new RuntimeOptions(DeviceChoice.parse(options.device()), ComputePath.FAST,
                Precision.FP32, 0);
        return EncodeModel.thatMade(fingerprint, options.model(), preprocess, runtime, spark.sparkContext(),
                "cells are decoded", "");
    }

    /** The cells, row by row. */
    private List<List<Planned>> plan(List<String> rowIds, List<String> columnIds, Map<String, Source> sources,
                                     String fingerprint) {
        List<List<Planned>> grid = new ArrayList<>();
        for (String rowId : rowIds) {
            Source structure = sources.get(rowId);
            List<Planned> row = new ArrayList<>();
            if (options.op() == MixOp.SWAP) {
                for (String columnId : columnIds) {
                    row.add(planned(structure, List.of(columnId), sources.get(columnId).texture(), Map.of(),
                            fingerprint));
                }
            } else {
                float[] from = sources.get(columnIds.get(0)).texture();
                float[] to = sources.get(columnIds.get(1)).texture();
                float[][] steps = options.slerp() ? TextureInterpolation.slerp(from, to, options.steps(), false)
                        : TextureInterpolation.lerp(from, to, options.steps(), false);
                for (int s = 0; s < steps.length; s++) {
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("step", s);
                    params.put("steps", options.steps());
                    params.put("t", (double) s / (options.steps() - 1));
                    params.put("slerp", options.slerp());
                    row.add(planned(structure, columnIds, steps[s], params, fingerprint));
                }
            }
            grid.add(row);
        }
        return grid;
    }

    private Planned planned(Source structure, List<String> textureIds, float[] texture, Map<String, Object> params,
                            String fingerprint) {
        String json = json(COMPACT, params);
        String id = hex(digest(String.join("\n", options.op().label(), json, structure.id(),
                String.join(",", textureIds), Long.toString(options.seed()), fingerprint)), 16);
        String uri = new Path(new Path(options.output(), "images/" + options.op().label()), id + ".png").toString();
        long noiseId = noiseId(structure.id());
        return new Planned(new CellRenderer.Cell(id, uri, structure.structure(), structure.shape(), texture, noiseId),
                json, List.of(structure.id()), textureIds);
    }

    /** The output id whose seeded noise every cell of the row of structure source {@code structureId} gets. */
    static long noiseId(String structureId) {
        return ByteBuffer.wrap(digest(structureId)).getLong();
    }

    /** Decodes and writes the cells on the executors; their picture sizes by cell id. */
    private Map<String, CellRenderer.Written> decode(EncodeModel model, Collection<Planned> cells) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        List<CellRenderer.Cell> list = cells.stream().map(Planned::cell).toList();
        int batches = (list.size() + options.batchSize() - 1) / options.batchSize();
        return jsc.parallelize(list, Math.max(1, Math.min(batches, jsc.defaultParallelism())))
                .mapPartitions(new CellRenderer(model, options.batchSize(), options.seed(), conf)).collect().stream()
                .collect(Collectors.toMap(CellRenderer.Written::id, w -> w));
    }

    /** Commits the rows of the written cells as one run of the {@code generated} table; returns the run id. */
    private String commit(String table, Map<String, Planned> todo, Map<String, CellRenderer.Written> written,
                          String fingerprint) {
        List<Row> rows = new ArrayList<>();
        for (Planned p : todo.values()) {
            CellRenderer.Written w = written.get(p.cell().id());
            rows.add(RowFactory.create(p.cell().id(), options.op().label(), p.params(), p.structureIds().toArray(),
                    p.textureIds().toArray(), p.cell().uri(), w.width(), w.height(), options.seed(), fingerprint));
        }
        String run = "mix-" + hex(digest(String.join(",", todo.keySet())), 8);
        TableCommits.commitRun(spark.createDataFrame(rows, GeneratedTable.SCHEMA).coalesce(1), table, run);
        return run;
    }

    /** One picture per tile of at most {@code --tile}² cells, read back from the cells' files. */
    private List<String> writeGrids(List<List<Planned>> grid) throws IOException {
        Configuration conf = spark.sessionState().newHadoopConf();
        String gridId = hex(digest(grid.stream().flatMap(List::stream).map(p -> p.cell().id())
                .collect(Collectors.joining(","))), 6);
        int tile = options.tile();
        List<String> files = new ArrayList<>();
        for (int r0 = 0; r0 < grid.size(); r0 += tile) {
            for (int c0 = 0; c0 < grid.get(0).size(); c0 += tile) {
                int rows = Math.min(tile, grid.size() - r0);
                int columns = Math.min(tile, grid.get(0).size() - c0);
                RgbImage[][] cells = new RgbImage[rows][columns];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < columns; c++) {
                        cells[r][c] = read(grid.get(r0 + r).get(c0 + c).cell().uri(), conf);
                    }
                }
                int width = cells[0][0].width();
                int height = cells[0][0].height();
                for (RgbImage[] row : cells) {
                    for (int c = 0; c < row.length; c++) {
                        if (row[c].width() != width || row[c].height() != height) {
                            row[c] = null;
                        }
                    }
                }
                String file = "images/" + options.op().label() + "/grid-" + gridId + "-r" + r0 + "-c" + c0 + ".png";
                write(new Path(options.output(), file), ImageEncoder.png(ImageGrid.compose(cells, width, height,
                        0xFFFFFF)), conf);
                files.add(file);
            }
        }
        return files;
    }

    private void writeRunJson(MixSummary s, String fingerprint, List<String> rowIds, List<String> columnIds)
            throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("command", "mix");
        d.put("op", options.op().label());
        d.put("model", fingerprint);
        d.put("rows", rowIds);
        d.put("columns", columnIds);
        d.put("cells", s.cells());
        d.put("written", s.written());
        d.put("skipped", s.skipped());
        d.put("generated_run", s.run());
        d.put("grids", s.grids());
        d.put("seconds", s.seconds());
        d.put("options", options.describe());
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("swapae", Versions.swapae());
        versions.put("spark", spark.version());
        versions.put("java", System.getProperty("java.version"));
        d.put("versions", versions);
        write(new Path(options.output(), "_run.json"), json(JSON, d).getBytes(StandardCharsets.UTF_8),
                spark.sessionState().newHadoopConf());
    }

    private static RgbImage read(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        BufferedImage image;
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            image = ImageIO.read(in);
        }
        if (image == null) {
            throw new IOException("the cell " + uri + " is not a picture");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] pixels = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int i = 3 * (y * w + x);
                pixels[i] = (byte) (rgb >> 16);
                pixels[i + 1] = (byte) (rgb >> 8);
                pixels[i + 2] = (byte) rgb;
            }
        }
        return new RgbImage(w, h, pixels);
    }

    private static void write(Path target, byte[] bytes, Configuration conf) throws IOException {
        try (OutputStream out = target.getFileSystem(conf).create(target, true)) {
            out.write(bytes);
        }
    }

    private static String json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest, int bytes) {
        return HexFormat.of().formatHex(digest, 0, bytes);
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
