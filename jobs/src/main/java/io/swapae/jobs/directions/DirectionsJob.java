package io.swapae.jobs.directions;

import io.swapae.checkpoint.CheckpointException;
import io.swapae.jobs.Versions;
import io.swapae.jobs.encode.CodeFilter;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.model.ComputePath;
import io.swapae.runtime.DeviceChoice;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The directions job: principal directions of the codes of one model in one code space, as a browsable catalogue.
 *
 * <p>Reads the committed runs of a codes table (optionally filtered and sampled), refuses codes of several models
 * (or, for whole structure codes, several shapes) with a message naming them, fits the mean and covariance in one
 * distributed pass ({@link CovarianceFit}), eigen-decomposes the covariance on the driver ({@link SymmetricEigen}),
 * writes the catalogue ({@link CatalogueFiles}), decodes preview strips on the executors ({@link PreviewRenderer})
 * with the model that made the codes, and writes {@code index.html}.
 */
public final class DirectionsJob {

    private final SparkSession spark;
    private final DirectionsOptions options;

    public DirectionsJob(SparkSession spark, DirectionsOptions options) {
        this.spark = spark;
        this.options = options;
    }

    /** Runs the job; the catalogue folder then holds every file of a catalogue. */
    public DirectionsSummary run() throws IOException, CheckpointException {
        long start = System.nanoTime();
        CodeSpace space = options.space();
        List<String> runs = TableCommits.committedRuns(spark, options.codes());
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no committed codes in " + options.codes()
                    + ": give the codes table of an encode run (ROOT/codes) whose runs have finished");
        }
        spark.sparkContext().setJobGroup("swapae-directions", "directions: " + space.label() + " codes of "
                + options.codes() + " -> " + options.output(), false);
        try {
            Dataset<Row> codes = filtered(TableCommits.readCommitted(spark, options.codes(), Tables.CODES));
            CodeGroups groups = CodeGroups.of(codes, space);
            groups.check(options.codes(), options.filter());
            EncodeModel decoder = options.previews() > 0 ? previewModel(groups) : null;

            double[] shift = shift(codes, space);
            int n = shift.length;
            if (options.components() > n) {
                throw new IllegalArgumentException("--components " + options.components() + " is more than the " + n
                        + " values of a " + space.label() + " vector");
            }
            Dataset<Row> fitted = sized(sampled(codes, groups.codes()).select(columns(space)));
            int partitions = fitted.queryExecution().toRdd().getNumPartitions();
            long fitStart = System.nanoTime();
            CovarianceFit.Moments moments = CovarianceFit.fit(fitted, space, shift);
            double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
            double total = moments.totalVariance();
            long eigenStart = System.nanoTime();
            NativeBlas.useThreads(Runtime.getRuntime().availableProcessors());
            SymmetricEigen.Pairs pairs = SymmetricEigen.largest(moments.covariance(), n, options.components());
            double eigenSeconds = (System.nanoTime() - eigenStart) / 1e9;

            List<DirectionCatalogue.Direction> directions = new ArrayList<>();
            for (int c = 0; c < options.components(); c++) {
                double value = pairs.values()[c];
                directions.add(new DirectionCatalogue.Direction(c, pairs.vectors()[c], value,
                        total > 0 ? value / total : 0, Math.sqrt(Math.max(0, value))));
            }
            int[] vectorShape = space.vectorShape(groups.structureShape(), n);
            DirectionCatalogue catalogue = new DirectionCatalogue(id(runs, groups.model()), space, vectorShape,
                    moments.codes(), moments.vectors(), groups.model(), moments.mean(), total, directions);
            CatalogueFiles files = new CatalogueFiles(spark, options.output());
            files.writeTables(catalogue);

            List<PreviewRenderer.Strip> strips = decoder == null ? List.of() : previews(codes, catalogue, decoder);
            String blas = NativeBlas.describe();
            String eigen = SymmetricEigen.backend();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> description = describe(catalogue, files, runs, groups, strips, partitions, fitSeconds,
                    eigenSeconds, seconds, blas, eigen);
            files.writeExport(catalogue, description);
            files.writeDescription(description);
            files.writeIndex(IndexPage.html(catalogue, options.codes(), strips.stream().collect(
                    Collectors.toMap(PreviewRenderer.Strip::component, PreviewRenderer.Strip::file))));
            return new DirectionsSummary(catalogue, partitions, fitSeconds, eigenSeconds, seconds, blas, eigen,
                    strips.stream().map(PreviewRenderer.Strip::file).toList());
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    private Dataset<Row> filtered(Dataset<Row> codes) {
        return CodeFilter.apply(codes, options.filter());
    }

    /** About {@code --sample} codes drawn at random (Bernoulli, seeded), or all. */
    private Dataset<Row> sampled(Dataset<Row> codes, long matching) {
        if (options.sample() == 0 || options.sample() >= matching) {
            return codes;
        }
        return codes.sample(false, (double) options.sample() / matching, options.seed());
    }

    /** The fit's input in {@code --partitions} tasks (default: Spark's default parallelism, never more than read). */
    private Dataset<Row> sized(Dataset<Row> input) {
        int current = input.queryExecution().toRdd().getNumPartitions();
        if (options.partitions() > current) {
            return input.repartition(options.partitions());
        }
        int target = options.partitions() > 0 ? options.partitions() : spark.sparkContext().defaultParallelism();
        return current > target ? input.coalesce(target) : input;
    }

    private static Column[] columns(CodeSpace space) {
        List<Column> columns = new ArrayList<>();
        for (String c : space.columns()) {
            columns.add(col(c));
        }
        columns.add(col("id"));
        return columns.toArray(Column[]::new);
    }

    /** A vector of the data to shift the sums by: the first vector of the first code. */
    private static double[] shift(Dataset<Row> codes, CodeSpace space) {
        Row first = codes.select(space.columns()[0], space.columns().length > 1 ? space.columns()[1] : "id").head();
        List<Float> values = first.getList(0);
        if (space != CodeSpace.STRUCTURE_LOCAL) {
            return values.stream().mapToDouble(Float::doubleValue).toArray();
        }
        List<Integer> shape = first.getList(1);
        int plane = values.size() / shape.get(0);
        return IntStream.range(0, shape.get(0)).mapToDouble(c -> values.get(c * plane)).toArray();
    }

    /**
     * The model that decodes the previews: {@code --model}, which must be the model that made the codes, or the
     * embedded default when it made them.
     */
    private EncodeModel previewModel(CodeGroups groups) throws IOException {
        RuntimeOptions runtime = new RuntimeOptions(DeviceChoice.parse(options.device()), ComputePath.FAST,
                Precision.FP32, 0);
        return EncodeModel.thatMade(groups.model(), options.model(), groups.preprocess(), runtime,
                spark.sparkContext(), "previews are decoded", " (or give --previews 0)");
    }

    /** Decodes the strips of the first {@code --previews} components on the executors. */
    private List<PreviewRenderer.Strip> previews(Dataset<Row> codes, DirectionCatalogue catalogue,
                                                 EncodeModel model) {
        List<String> ids = codes.select("id").orderBy(xxhash64(col("id"), lit(options.seed())))
                .limit(options.previewCodes()).as(Encoders.STRING()).collectAsList();
        Map<String, PreviewRenderer.PreviewCode> byId = new TreeMap<>();
        for (Row r : codes.where(col("id").isin(ids.toArray())).select("id", "structure", "structure_shape", "texture")
                .collectAsList()) {
            byId.put(r.getString(0), new PreviewRenderer.PreviewCode(r.getString(0), floats(r.getList(1)),
                    r.<Integer>getList(2).stream().mapToInt(Integer::intValue).toArray(), floats(r.getList(3))));
        }
        List<PreviewRenderer.PreviewCode> chosen = ids.stream().map(byId::get).toList();
        int components = options.previews();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        PreviewRenderer renderer = new PreviewRenderer(model, catalogue, components, chosen, options.batchSize(),
                options.seed(), options.output(), conf);
        return jsc.parallelize(IntStream.range(0, components).boxed().toList(),
                        Math.min(components, jsc.defaultParallelism()))
                .mapPartitions(renderer).collect().stream()
                .sorted((a, b) -> Integer.compare(a.component(), b.component())).toList();
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** {@code --id}, or one derived from the codes (table, runs, model) and the options that change the fit. */
    private String id(List<String> runs, String model) {
        if (options.id() != null) {
            return options.id();
        }
        String key = String.join("\n", options.codes(), String.join(",", runs), model, options.space().label(),
                String.valueOf(options.filter()), Long.toString(options.sample()), Long.toString(options.seed()),
                Integer.toString(options.components()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return options.space().label() + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> describe(DirectionCatalogue c, CatalogueFiles files, List<String> runs,
                                         CodeGroups groups, List<PreviewRenderer.Strip> strips, int partitions,
                                         double fitSeconds, double eigenSeconds, double seconds, String blas,
                                         String eigen) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("catalogue", c.id());
        d.put("space", c.space().label());
        d.put("vector_shape", c.vectorShape());
        d.put("dimension", c.dimension());
        d.put("components", c.directions().size());
        d.put("codes", c.codes());
        d.put("vectors", c.vectors());
        d.put("seed", options.seed());
        d.put("model", c.model());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("table", options.codes());
        source.put("runs", runs);
        source.put("filter", options.filter());
        source.put("codes_matching", groups.codes());
        source.put("sample", options.sample() == 0 ? "all" : options.sample());
        d.put("code_source", source);
        d.put("total_variance", c.totalVariance());
        d.put("explained_variance_ratio_kept", c.directions().stream()
                .mapToDouble(DirectionCatalogue.Direction::explainedVarianceRatio).sum());
        Map<String, Object> mean = new LinkedHashMap<>();
        mean.put("table", files.location(CatalogueFiles.MEAN));
        mean.put("tensor", "mean in " + CatalogueFiles.EXPORT);
        d.put("mean", mean);
        d.put("directions", files.location(CatalogueFiles.DIRECTIONS));
        d.put("export", files.location(CatalogueFiles.EXPORT));
        Map<String, Object> previews = new LinkedHashMap<>();
        previews.put("steps_sigma", PreviewRenderer.STEPS);
        previews.put("strips", strips.stream().map(PreviewRenderer.Strip::describe).toList());
        d.put("previews", previews);
        d.put("options", options.describe());
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("partitions", partitions);
        fit.put("covariance_seconds", fitSeconds);
        fit.put("eigen_seconds", eigenSeconds);
        fit.put("seconds", seconds);
        fit.put("blas", blas);
        fit.put("eigen", eigen);
        d.put("fit", fit);
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("swapae", Versions.swapae());
        versions.put("spark", spark.version());
        versions.put("java", System.getProperty("java.version"));
        d.put("versions", versions);
        return d;
    }
}
