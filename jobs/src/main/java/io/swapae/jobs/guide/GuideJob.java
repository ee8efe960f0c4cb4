package io.swapae.jobs.guide;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.image.ImageGrid;
import io.swapae.image.Preprocess;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.generate.GalleryPage;
import io.swapae.jobs.generate.GeneratedTable;
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.generate.ImageRenderer;
import io.swapae.jobs.generate.ImageRequest;
import io.swapae.jobs.generate.RunRecord;
import io.swapae.jobs.models.ModelStore;
import io.swapae.jobs.runtime.JobProgress;
import io.swapae.jobs.storage.StorageCheck;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.model.ComputePath;
import io.swapae.runtime.DeviceChoice;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
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
 * The guide job: every chosen code × every prompt is a pair whose codes are optimised towards the prompt's CLIP
 * embedding ({@link io.swapae.guidance.GuidanceLoop}) on the executors, a partition of pairs per task.
 *
 * <p>Chooses the codes in the committed codes table (by id or prefix, a seeded sample, or all), refuses codes of
 * several models, guides the pairs not yet in {@code OUT/guided} and commits their rows as one run, decodes the
 * final pictures (op {@code guide}) and, on request, the strip frames (op {@code guide-step}) not yet in
 * {@code OUT/generated}, composes one strip picture per pair, and writes the gallery and {@code OUT/_run.json}. A
 * pair's id hashes its source, prompt, parameters, seed, model and CLIP model, so a rerun guides nothing twice.
 */
public final class GuideJob {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    /** The op of the final pictures in {@code OUT/generated}. */
    public static final String OP = "guide";
    /** The op of the strip frames in {@code OUT/generated}. */
    public static final String STEP_OP = "guide-step";

    /** A chosen code, as the codes table holds it. */
    private record Source(String id, String model, String preprocess, float[] structure, int[] shape,
                          float[] texture) {
    }

    private final SparkSession spark;
    private final GuideOptions options;
    private final ModelStore store;
    private final PrintWriter console;
    private final boolean terminal;

    /** The job, printing no progress, with CLIP names looked up in {@code store}. */
    public GuideJob(SparkSession spark, GuideOptions options, ModelStore store) {
        this(spark, options, store, null, false);
    }

    /** The job, reporting its progress to {@code console} (one rewritten line on a terminal). */
    public GuideJob(SparkSession spark, GuideOptions options, ModelStore store, PrintWriter console,
                    boolean terminal) {
        this.spark = spark;
        this.options = options;
        this.store = store;
        this.console = console;
        this.terminal = terminal;
    }

    /** Runs the job; the output root then holds every pair's guided codes and pictures and {@code _run.json}. */
    public GuideSummary run() throws IOException {
        long start = System.nanoTime();
        Configuration hadoop = spark.sessionState().newHadoopConf();
        StorageCheck.readable(options.codes(), hadoop);
        StorageCheck.writable(options.output(), hadoop);
        if (TableCommits.committedRuns(spark, options.codes()).isEmpty()) {
            throw new IllegalArgumentException("no committed codes in " + options.codes()
                    + ": give the codes table of an encode run (ROOT/codes) whose runs have finished");
        }
        ClipSource clip = ClipFiles.resolve(options.clip(), store);
        // an unreadable CLIP config or image prompt fails here, before any Spark work
        clip.architecture();
        byte[] imagePrompt = options.imagePrompt() == null ? null : ImageFiles.read(options.imagePrompt(), hadoop);
        if (imagePrompt != null) {
            ImageFiles.decode(imagePrompt, options.imagePrompt());
        }
        spark.sparkContext().setJobGroup("swapae-guide", "guide: " + options.codes() + " -> " + options.output(),
                false);
        try {
            Dataset<Row> codes = TableCommits.readCommitted(spark, options.codes(), Tables.CODES);
            Map<String, Source> sources = sources(codes, chosenIds(codes));
            Source first = sources.values().iterator().next();
            EncodeModel model = model(first);
            String params = json(COMPACT, options.params());
            List<GuidePair> pairs = pairs(sources, params, model.fingerprint(), clip.fingerprint(), imagePrompt);
            Set<String> committed = new HashSet<>(GuidedTable.read(spark, options.output()).select("id")
                    .as(Encoders.STRING()).collectAsList());
            List<GuidePair> todo = pairs.stream().filter(p -> !committed.contains(p.id())).toList();
            String run = todo.isEmpty() ? null : guide(model, clip, params, todo);
            Set<String> ids = pairs.stream().map(GuidePair::id).collect(Collectors.toSet());
            List<Row> guided = GuidedTable.read(spark, options.output()).where(col("id").isin(ids.toArray()))
                    .dropDuplicates("id").collectAsList();
            Set<String> pictured = new HashSet<>(GeneratedTable.read(spark, options.output()).select("id")
                    .as(Encoders.STRING()).collectAsList());
            List<ImageRequest> pictures = new ArrayList<>();
            for (Row r : guided) {
                for (ImageRequest request : requests(r)) {
                    if (!pictured.contains(request.id())) {
                        pictures.add(request);
                    }
                }
            }
            String picturesRun = pictures.isEmpty() ? null : render(model, pictures);
            List<String> strips = strips(guided);
            String gallery = picturesRun == null ? null : GalleryPage.write(spark, options.output(), picturesRun,
                    "swapae guide");
            double seconds = (System.nanoTime() - start) / 1e9;
            GuideSummary summary = new GuideSummary(pairs.size(), todo.size(), pairs.size() - todo.size(), run,
                    pictures.size(), strips, gallery, seconds);
            writeRunJson(summary, model.fingerprint(), clip, List.copyOf(sources.keySet()));
            return summary;
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** The ids of the codes to guide: {@code --ids} resolved, a seeded sample, or every code. */
    private List<String> chosenIds(Dataset<Row> codes) {
        Dataset<String> all = codes.select("id").distinct().as(Encoders.STRING());
        if (options.sample() > 0) {
            return codes.select("id").distinct().orderBy(xxhash64(col("id"), lit(options.seed())))
                    .limit(options.sample()).as(Encoders.STRING()).collectAsList();
        }
        if (options.ids().isEmpty()) {
            return all.orderBy("id").collectAsList();
        }
        List<String> ids = new ArrayList<>();
        for (String prefix : options.ids()) {
            List<String> matches = codes.select("id").where(col("id").startsWith(prefix.toLowerCase(Locale.ROOT)))
                    .distinct().limit(3).as(Encoders.STRING()).collectAsList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("--ids: no code in the codes table has an id starting with '"
                        + prefix + "'");
            }
            if (matches.size() > 1) {
                throw new IllegalArgumentException("--ids: '" + prefix + "' is the start of several code ids ("
                        + String.join(", ", matches) + (matches.size() == 3 ? ", …" : "") + "): give more digits");
            }
            ids.add(matches.get(0));
        }
        return ids;
    }

    /** The codes of the chosen ids; refuses codes made by several models. */
    private static Map<String, Source> sources(Dataset<Row> codes, List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("the codes table holds no codes to guide");
        }
        Map<String, Source> byId = new HashMap<>();
        Map<String, Integer> byModel = new LinkedHashMap<>();
        for (Row r : codes.where(col("id").isin(ids.toArray())).select("id", "model", "preprocess", "structure",
                "structure_shape", "texture").collectAsList()) {
            if (byId.putIfAbsent(r.getString(0), new Source(r.getString(0), r.getString(1), r.getString(2),
                    floats(r.getList(3)), r.<Integer>getList(4).stream().mapToInt(Integer::intValue).toArray(),
                    floats(r.getList(5)))) == null) {
                byModel.merge(r.getString(1), 1, Integer::sum);
            }
        }
        if (byModel.size() > 1) {
            throw new IllegalArgumentException("the chosen codes come from " + byModel.size() + " models: "
                    + byModel.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " codes)")
                    .collect(Collectors.joining(", ")) + "; guide the codes of one model at a time (--ids)");
        }
        Map<String, Source> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            ordered.put(id, byId.get(id));
        }
        return ordered;
    }

    /** {@code --model}, which must be the model that made the codes, or the embedded default when it made them. */
    private EncodeModel model(Source source) throws IOException {
        String[] parts = source.preprocess().split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("the codes record the preprocessing '" + source.preprocess()
                    + "', not mode/load_size/crop_size");
        }
        Preprocess preprocess = Preprocess.of(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        RuntimeOptions runtime = new RuntimeOptions(DeviceChoice.parse(options.device()), ComputePath.FAST,
                Precision.FP32, 0);
        return EncodeModel.thatMade(source.model(), options.model(), preprocess, runtime, spark.sparkContext(),
                "codes are guided", "");
    }

    /** Every source × every prompt, in that order. */
    private List<GuidePair> pairs(Map<String, Source> sources, String params, String modelFingerprint,
                                  String clipFingerprint, byte[] imagePrompt) {
        List<String> prompts = imagePrompt != null
                ? List.of("image:" + new Path(options.imagePrompt()).getName() + ":"
                        + hex(digest(imagePrompt), 8))
                : options.prompts();
        List<GuidePair> pairs = new ArrayList<>();
        for (Source s : sources.values()) {
            for (String prompt : prompts) {
                String id = hex(digest((String.join("\n", OP, params, s.id(), prompt, Long.toString(options.seed()),
                        modelFingerprint, clipFingerprint)).getBytes(StandardCharsets.UTF_8)), 16);
                pairs.add(new GuidePair(id, s.id(), prompt, imagePrompt == null ? prompt : null, imagePrompt,
                        options.negative(), s.structure(), s.shape(), s.texture(), noiseId(s.id())));
            }
        }
        return pairs;
    }

    /** The output id whose seeded noise every picture of source {@code sourceId} gets (as in the mix job). */
    static long noiseId(String sourceId) {
        return ByteBuffer.wrap(digest(sourceId.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /** Guides the pairs on the executors and commits their rows as one run; returns the run id. */
    private String guide(EncodeModel model, ClipSource clip, String params, List<GuidePair> todo)
            throws IOException {
        ClipSource shipped = clip.forExecutors(spark.sparkContext());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        int batches = (todo.size() + options.batchSize() - 1) / options.batchSize();
        String run = "guide-" + hex(digest(todo.stream().map(GuidePair::id).collect(Collectors.joining(","))
                .getBytes(StandardCharsets.UTF_8)), 8);
        spark.sparkContext().setJobDescription("swapae guide: " + todo.size() + " pairs into "
                + GuidedTable.under(options.output()));
        try (JobProgress progress = JobProgress.start(spark.sparkContext(), "guide", todo.size(), console, terminal,
                10)) {
            GuidedTable.commit(spark, jsc.parallelize(todo, Math.max(1, Math.min(batches, jsc.defaultParallelism())))
                    .mapPartitions(new GuideTask(model, shipped, options.guidance(), params, options.seed(),
                            options.batchSize(), conf, progress.done())), options.output(), run);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        return run;
    }

    /** The final picture of a guided row, then its strip frames. */
    private List<ImageRequest> requests(Row r) {
        String id = r.getString(0);
        String source = r.getString(1);
        int[] shape = r.<Integer>getList(8).stream().mapToInt(Integer::intValue).toArray();
        long noise = r.getLong(10);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("prompt", r.getString(2));
        params.put("final_loss", r.getFloat(6));
        List<ImageRequest> out = new ArrayList<>();
        out.add(new ImageRequest(id, OP, json(COMPACT, params) + r.getString(4), List.of(source), List.of(source),
                uri(OP, id), floats(r.getList(7)), shape, floats(r.getList(9)), noise));
        List<Integer> steps = r.getList(14);
        List<scala.collection.Seq<Float>> structures = r.getList(15);
        List<scala.collection.Seq<Float>> textures = r.getList(16);
        for (int i = 0; i < steps.size(); i++) {
            String frame = frameId(id, steps.get(i));
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("of", id);
            p.put("step", steps.get(i));
            out.add(new ImageRequest(frame, STEP_OP, json(COMPACT, p), List.of(source), List.of(source),
                    uri(STEP_OP, frame), floats(structures.get(i)), shape, floats(textures.get(i)), noise));
        }
        return out;
    }

    private static String frameId(String pairId, int step) {
        return hex(digest((pairId + "\nstep " + step).getBytes(StandardCharsets.UTF_8)), 16);
    }

    private String uri(String op, String id) {
        return new Path(new Path(options.output(), "images/" + op), id + "." + options.images().format().extension())
                .toString();
    }

    /** Decodes and writes the pictures on the executors and commits their rows as one run; returns the run id. */
    private String render(EncodeModel model, List<ImageRequest> pictures) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        int batches = (pictures.size() + options.batchSize() - 1) / options.batchSize();
        String run = "guide-" + hex(digest(pictures.stream().map(ImageRequest::id).collect(Collectors.joining(","))
                .getBytes(StandardCharsets.UTF_8)), 8);
        try (JobProgress progress = JobProgress.start(spark.sparkContext(), "guide pictures", pictures.size(),
                console, terminal, 10)) {
            GeneratedTable.commit(spark, jsc.parallelize(pictures, Math.max(1, Math.min(batches,
                            jsc.defaultParallelism())))
                    .mapPartitions(new ImageRenderer(model, options.batchSize(), options.seed(), options.images(),
                            conf, progress.done())), options.output(), run, options.images());
        }
        return run;
    }

    /**
     * One picture per pair with strip frames: its frames side by side, in {@code OUT/images/guide/strips/}; read
     * back from {@code OUT/generated} (the files, or the bytes kept in the table).
     */
    private List<String> strips(List<Row> guided) throws IOException {
        List<String> written = new ArrayList<>();
        List<Row> withFrames = guided.stream().filter(r -> !r.getList(14).isEmpty()).toList();
        if (withFrames.isEmpty()) {
            return written;
        }
        Map<String, Row> frames = new HashMap<>();
        for (Row f : GeneratedTable.read(spark, options.output()).where(col("op").equalTo(STEP_OP))
                .select("id", "uri", "image").collectAsList()) {
            frames.put(f.getString(0), f);
        }
        Configuration hadoop = spark.sessionState().newHadoopConf();
        for (Row r : withFrames) {
            String id = r.getString(0);
            List<Integer> steps = r.getList(14);
            RgbImage[][] cells = new RgbImage[1][steps.size()];
            for (int i = 0; i < steps.size(); i++) {
                Row f = frames.get(frameId(id, steps.get(i)));
                byte[] bytes = f.isNullAt(2) ? ImageFiles.read(f.getString(1), hadoop) : (byte[]) f.get(2);
                cells[0][i] = ImageFiles.decode(bytes, "frame " + steps.get(i) + " of " + id);
            }
            RgbImage strip = ImageGrid.compose(cells, cells[0][0].width(), cells[0][0].height(), 0xFFFFFF);
            String uri = new Path(new Path(options.output(), "images/" + OP + "/strips"),
                    id + "." + options.images().format().extension()).toString();
            ImageFiles.write(uri, options.images().encode(strip), hadoop);
            written.add(uri);
        }
        return written;
    }

    private void writeRunJson(GuideSummary s, String model, ClipSource clip, List<String> sourceIds)
            throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("command", "guide");
        d.put("model", model);
        d.put("clip", clip.fingerprint());
        d.put("clip_weights", clip.weights());
        d.put("sources", sourceIds);
        d.put("pairs", s.pairs());
        d.put("guided", s.guided());
        d.put("skipped", s.skipped());
        d.put("guided_run", s.run());
        d.put("pictures", s.pictures());
        d.put("strips", s.strips());
        d.put("gallery", s.gallery());
        d.put("seconds", s.seconds());
        d.put("options", options.describe());
        RunRecord.write(spark, options.output(), d);
    }

    private static String json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest, int bytes) {
        return HexFormat.of().formatHex(digest, 0, bytes);
    }

    /** The values of an array nested in a row's array (Spark hands those over as Scala sequences). */
    private static float[] floats(scala.collection.Seq<Float> values) {
        float[] out = new float[values.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.apply(i);
        }
        return out;
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
