package io.swapae.jobs.mix;

import io.swapae.image.Preprocess;
import io.swapae.jobs.directions.DirectionCatalogue;
import io.swapae.jobs.encode.CodeFilter;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.generate.GalleryPage;
import io.swapae.jobs.generate.GeneratedTable;
import io.swapae.jobs.generate.ImageRenderer;
import io.swapae.jobs.generate.ImageRequest;
import io.swapae.jobs.generate.OutputIds;
import io.swapae.jobs.generate.RunRecord;
import io.swapae.jobs.runtime.JobProgress;
import io.swapae.jobs.storage.StorageCheck;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.latent.TextureInterpolation;
import io.swapae.model.ComputePath;
import io.swapae.runtime.DeviceChoice;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The mix job in grid mode: rows are structure sources, columns texture sources ({@code swap}), the steps of an
 * interpolation between two texture sources ({@code interpolate}), right structure sources joined side by side with
 * the row's ({@code blend}, {@link BlendGrid}) or strengths along a catalogue direction ({@code edit},
 * {@link EditGrid}).
 *
 * <p>Chooses the sources in the committed codes (by id or prefix, or a seeded sample), refuses codes of several
 * models, decodes the cells not yet in {@code OUT/generated} on the executors ({@link ImageRenderer}) with the model
 * that made the codes, commits their rows as one run of {@code OUT/generated}, writes one grid picture per tile of
 * at most {@code --tile}² cells and {@code OUT/_run.json}. A cell's id hashes what it is made of, so a rerun decodes
 * and records nothing twice. Every cell of a row gets the noise of its structure source under the seed.
 */
public final class MixJob {


    /** The cells of the grid row by row, and the source ids of its header row and column. */
    private record Grid(List<List<ImageRequest>> cells, List<String> rowSources, List<String> columnSources) {
    }

    private final SparkSession spark;
    private final MixOptions options;

    private final PrintWriter console;
    private final boolean terminal;

    /** The job, printing no progress. */
    public MixJob(SparkSession spark, MixOptions options) {
        this(spark, options, null, false);
    }

    /**
     * The job, reporting its progress to {@code console}: rewriting one line when it is a {@code terminal}, a line
     * every 10 s otherwise.
     */
    public MixJob(SparkSession spark, MixOptions options, PrintWriter console, boolean terminal) {
        this.spark = spark;
        this.options = options;
        this.console = console;
        this.terminal = terminal;
    }

    /** Runs the job; the output root then holds every cell of the grid, its grid pictures and {@code _run.json}. */
    public MixSummary run() throws IOException {
        long start = System.nanoTime();
        Configuration hadoop = spark.sessionState().newHadoopConf();
        StorageCheck.readable(options.codes(), hadoop);
        StorageCheck.writable(options.output(), hadoop);
        if (TableCommits.committedRuns(spark, options.codes()).isEmpty()) {
            throw new IllegalArgumentException("no committed codes in " + options.codes()
                    + ": give the codes table of an encode run (ROOT/codes) whose runs have finished");
        }
        spark.sparkContext().setJobGroup("swapae-mix", "mix: " + options.op().label() + " grid of "
                + options.codes() + " -> " + options.output(), false);
        try {
            Dataset<Row> codes = CodeFilter.apply(TableCommits.readCommitted(spark, options.codes(), Tables.CODES),
                    options.filter());
            List<String> rowIds;
            List<String> columnIds;
            if (options.sample() > 0) {
                List<String> sampled = codes.select("id").distinct().orderBy(xxhash64(col("id"), lit(options.seed())))
                        .limit(options.sample()).as(Encoders.STRING()).collectAsList();
                rowIds = sampled;
                columnIds = switch (options.op()) {
                    case SWAP, BLEND -> sampled;
                    case INTERPOLATE -> sampled.subList(0, Math.min(2, sampled.size()));
                    case EDIT -> List.of();
                };
                if (sampled.isEmpty()) {
                    throw new IllegalArgumentException("no code of " + options.codes() + (options.filter() == null
                            ? "" : " passes --filter \"" + options.filter() + "\""));
                }
                if (options.op() == MixOp.INTERPOLATE && columnIds.size() < 2) {
                    throw new IllegalArgumentException("--op interpolate needs two codes, " + options.codes()
                            + " holds " + columnIds.size() + (options.filter() == null ? "" : " passing --filter"));
                }
            } else {
                rowIds = resolve(codes, options.rows(), "--rows");
                columnIds = resolve(codes, options.columns(), "--columns");
            }
            String textureId = options.op() == MixOp.BLEND && options.blend().textureFromCode()
                    ? resolve(codes, List.of(options.blend().texture()), "--blend-texture").get(0) : null;
            Set<String> wanted = new HashSet<>(rowIds);
            wanted.addAll(columnIds);
            if (textureId != null) {
                wanted.add(textureId);
            }
            Map<String, MixSource> sources = sources(codes, wanted);
            String fingerprint = sources.values().iterator().next().model();
            CellRequests requests = new CellRequests(options, fingerprint);
            Grid grid = switch (options.op()) {
                case SWAP, INTERPOLATE -> plan(rowIds, columnIds, sources, requests);
                case BLEND -> new Grid(new BlendGrid(options.blend(), requests).cells(rowIds, columnIds, sources,
                        textureId == null ? null : sources.get(textureId)), rowIds, columnIds);
                case EDIT -> new Grid(new EditGrid(DirectionCatalogue.read(spark, options.edit().catalogue()),
                        options.edit(), fingerprint, requests).cells(rowIds, sources), rowIds,
                        Collections.nCopies(options.edit().strengths().size(), null));
            };
            Preprocess preprocess = preprocess(sources.values().iterator().next());
            EncodeModel model = model(fingerprint, preprocess);
            Object[] cellIds = grid.cells().stream().flatMap(List::stream).map(ImageRequest::id).distinct().toArray();
            Set<String> committed = new HashSet<>(GeneratedTable.read(spark, options.output())
                    .where(col("id").isin(cellIds)).select("id").as(Encoders.STRING()).collectAsList());
            Map<String, ImageRequest> todo = new LinkedHashMap<>();
            int cells = 0;
            for (List<ImageRequest> row : grid.cells()) {
                for (ImageRequest r : row) {
                    cells++;
                    if (!committed.contains(r.id())) {
                        todo.putIfAbsent(r.id(), r);
                    }
                }
            }
            String run = todo.isEmpty() ? null : commit(model, todo);
            List<String> grids = GridTiles.write(spark, layout(grid, sources), options.output(),
                    "images/" + options.op().label() + "/grid-" + gridId(grid), options.tile(), preprocess);
            String gallery = run == null ? null : GalleryPage.write(spark, options.output(), run,
                    "swapae mix: " + options.op().label());
            double seconds = (System.nanoTime() - start) / 1e9;
            MixSummary summary = new MixSummary(cells, todo.size(), cells - todo.size(), run, grids, gallery,
                    seconds);
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
    private static Map<String, MixSource> sources(Dataset<Row> codes, Set<String> wanted) {
        Map<String, MixSource> sources = new LinkedHashMap<>();
        Map<String, Set<String>> byModel = new LinkedHashMap<>();
        for (Row r : codes.where(col("id").isin(wanted.toArray())).select("id", "source", "model", "preprocess",
                "structure", "structure_shape", "texture").collectAsList()) {
            byModel.computeIfAbsent(r.getString(2), m -> new HashSet<>()).add(r.getString(0));
            sources.putIfAbsent(r.getString(0), new MixSource(r.getString(0), r.getString(1), r.getString(2),
                    r.getString(3), floats(r.getList(4)),
                    r.<Integer>getList(5).stream().mapToInt(Integer::intValue).toArray(), floats(r.getList(6))));
        }
        if (byModel.size() > 1) {
            throw new IllegalArgumentException("the chosen codes come from " + byModel.size() + " models: "
                    + byModel.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().size() + " codes)")
                    .collect(Collectors.joining(", ")) + "; a grid mixes the codes of one model: choose codes of"
                    + " one of them");
        }
        return sources;
    }

    private static Preprocess preprocess(MixSource source) {
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

    /** The cells of a swap or interpolation grid, row by row, with the sources of the headers. */
    private Grid plan(List<String> rowIds, List<String> columnIds, Map<String, MixSource> sources,
                      CellRequests requests) {
        List<List<ImageRequest>> cells = new ArrayList<>();
        for (String rowId : rowIds) {
            MixSource structure = sources.get(rowId);
            List<ImageRequest> row = new ArrayList<>();
            if (options.op() == MixOp.SWAP) {
                for (String columnId : columnIds) {
                    row.add(requests.cell(List.of(rowId), structure.structure(), structure.shape(),
                            List.of(columnId), sources.get(columnId).texture(), Map.of()));
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
                    row.add(requests.cell(List.of(rowId), structure.structure(), structure.shape(), columnIds,
                            steps[s], params));
                }
            }
            cells.add(row);
        }
        List<String> columnSources = new ArrayList<>();
        if (options.op() == MixOp.SWAP) {
            columnSources.addAll(columnIds);
        } else {
            for (int s = 0; s < options.steps(); s++) {
                columnSources.add(s == 0 ? columnIds.get(0) : s == options.steps() - 1 ? columnIds.get(1) : null);
            }
        }
        return new Grid(cells, rowIds, columnSources);
    }

    /** The grid's cell ids and the source pictures of its headers. */
    private static GridTiles.Layout layout(Grid grid, Map<String, MixSource> sources) {
        List<List<String>> ids = grid.cells().stream().map(row -> row.stream().map(ImageRequest::id).toList())
                .toList();
        return new GridTiles.Layout(ids, uris(grid.rowSources(), sources), uris(grid.columnSources(), sources));
    }

    private static List<String> uris(List<String> ids, Map<String, MixSource> sources) {
        List<String> uris = new ArrayList<>();
        for (String id : ids) {
            uris.add(id == null ? null : sources.get(id).uri());
        }
        return uris;
    }

    private static String gridId(Grid grid) {
        return OutputIds.hex(grid.cells().stream().flatMap(List::stream).map(ImageRequest::id)
                .collect(Collectors.joining(",")), 6);
    }

    /** Decodes and writes the cells on the executors and commits their rows as one run; returns the run id. */
    private String commit(EncodeModel model, Map<String, ImageRequest> todo) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        List<ImageRequest> list = List.copyOf(todo.values());
        int batches = (list.size() + options.batchSize() - 1) / options.batchSize();
        String run = "mix-" + OutputIds.hex(String.join(",", todo.keySet()), 8);
        spark.sparkContext().setJobDescription("swapae mix: decoding " + list.size() + " cells into "
                + GeneratedTable.under(options.output()));
        try (JobProgress progress = JobProgress.start(spark.sparkContext(), "mix", list.size(), console, terminal,
                10)) {
            GeneratedTable.commit(spark, jsc.parallelize(list, Math.max(1, Math.min(batches, jsc.defaultParallelism())))
                    .mapPartitions(new ImageRenderer(model, options.batchSize(), options.seed(), options.images(),
                            conf, progress.done())), options.output(), run, options.images());
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        return run;
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
        d.put("gallery", s.gallery());
        d.put("seconds", s.seconds());
        d.put("options", options.describe());
        RunRecord.write(spark, options.output(), d);
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
