package io.swapae.jobs.demo;

import static org.apache.spark.sql.functions.col;

import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageGrid;
import io.swapae.image.ImageSize;
import io.swapae.image.Preprocess;
import io.swapae.image.Preprocessor;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeJob;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.EncodeOptions;
import io.swapae.jobs.encode.EncodeSummary;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.runtime.DeviceException;
import io.swapae.runtime.ExecutorModels;
import io.swapae.runtime.LoadedModel;
import io.swapae.runtime.ModelLoadException;
import io.swapae.runtime.TaskResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code swapae demo} end to end: generates sample landscapes, encodes them with the encode job, reads their codes
 * back from the codes table, decodes the swap grid on the driver with the same model, and writes the grid and a
 * page that shows it. Rerunning into the same folder encodes nothing again (the encode job skips what its codes
 * table holds) and rewrites the grid and the page.
 *
 * <p>Layout of the output folder: {@code samples/landscape-<i>.png} (the inputs), {@code encoded/<model>/} (the
 * encode job's output root for that model: {@code codes}, {@code errors}, {@code _run.json}), {@code grid.png},
 * {@code index.html}.
 */
public final class Demo {

    /** The grid's empty top-left cell. */
    private static final int CORNER = 0x202020;
    private static final Pattern SAMPLE = Pattern.compile("landscape-(\\d+)\\.png");

    /**
     * What a demo run made.
     *
     * @param output      the output folder (absolute)
     * @param samples     the sample landscapes, in grid order
     * @param sampleSize  their side in pixels
     * @param cell        the size of the model's images, one grid cell
     * @param encodeRoot  the encode job's output root ({@code codes}, {@code errors}, {@code _run.json})
     * @param encode      what the encode run did
     * @param preprocess  the preprocessing the model's input went through
     * @param structureShape  the structure code's shape {@code [C, H, W]}
     * @param textureLength   the texture code's length
     * @param grid        the swap grid PNG
     * @param page        the HTML page
     * @param master      the Spark master the encode job ran on
     */
    public record Result(DemoOptions options, DemoModel model, Path output, List<Path> samples, int sampleSize,
                         ImageSize cell, Path encodeRoot, EncodeSummary encode, Preprocess preprocess,
                         int[] structureShape, int textureLength, Path grid, Path page, String master) {
    }

    private final SparkSession spark;
    private final DemoOptions options;
    private final DemoModel model;

    public Demo(SparkSession spark, DemoOptions options, DemoModel model) {
        this.spark = spark;
        this.options = options;
        this.model = model;
    }

    /** Runs the demo; the model's input size is checked before anything is written. */
    public Result run() throws IOException, DeviceException, ModelLoadException {
        EncodeModel encodeModel = model.encodeModel();
        LoadedModel loaded = ExecutorModels.forTask(encodeModel.spec(spark.sparkContext().hadoopConfiguration()),
                encodeModel.runtime(), TaskResources.local());
        Preprocessor preprocessor = new Preprocessor(encodeModel.preprocess());
        int side = options.size() != null ? options.size() : naturalSide(encodeModel.preprocess());
        ImageSize cell = preprocessor.outputSize(side, side);
        try {
            loaded.network().architecture().checkInputSize(cell.height(), cell.width());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--size " + side + ": the model's preprocessing "
                    + encodeModel.preprocess() + " makes " + cell + " images: " + e.getMessage(), e);
        }

        Path output = Files.createDirectories(options.output().toAbsolutePath().normalize());
        List<RgbImage> images = SampleLandscapes.render(options.images(), side, options.seed());
        List<Path> samples = writeSamples(Files.createDirectories(output.resolve("samples")), images);

        Path encodeRoot = output.resolve("encoded").resolve(encodeModel.fingerprint().replace(':', '-'));
        EncodeOptions encodeOptions = new EncodeOptions(samples.stream().map(p -> p.toUri().toString()).toList(),
                encodeRoot.toUri().toString(), options.model(), encodeModel.preprocess(), 8, 0, false,
                EncodeOptions.DEFAULT_MAX_PIXELS, null, null);
        EncodeSummary encode = new EncodeJob(spark, encodeOptions, encodeModel).run();

        List<SwapGrid.Code> codes = codes(encodeRoot, samples);
        RgbImage[][] cells = new RgbImage[images.size() + 1][images.size() + 1];
        for (int i = 0; i < images.size(); i++) {
            RgbImage seen = preprocessor.apply(images.get(i));
            cells[0][i + 1] = seen;
            cells[i + 1][0] = seen;
        }
        RgbImage[][] swaps = new SwapGrid(loaded.network(), options.seed()).cells(codes);
        for (int r = 0; r < swaps.length; r++) {
            System.arraycopy(swaps[r], 0, cells[r + 1], 1, swaps.length);
        }
        Path grid = output.resolve("grid.png");
        Files.write(grid, ImageEncoder.png(ImageGrid.compose(cells, cell.width(), cell.height(), CORNER)));

        Result result = new Result(options, model, output, samples, side, cell, encodeRoot, encode,
                encodeModel.preprocess(), codes.get(0).structureShape(), codes.get(0).texture().length, grid,
                output.resolve("index.html"), spark.sparkContext().master());
        Files.writeString(result.page(), DemoPage.html(result), StandardCharsets.UTF_8);
        return result;
    }

    /** A square side the preprocessing leaves as it is: the crop size for cropping modes, else the load size. */
    static int naturalSide(Preprocess preprocess) {
        return switch (preprocess.mode()) {
            case RESIZE, SCALE_WIDTH, SCALE_SHORTSIDE, SCALE_LONGSIDE -> preprocess.loadSize();
            default -> preprocess.cropSize();
        };
    }

    /** Writes the samples as {@code landscape-<i>.png}, removing those of an earlier run with more images. */
    private static List<Path> writeSamples(Path folder, List<RgbImage> images) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path p = folder.resolve("landscape-" + i + ".png");
            Files.write(p, ImageEncoder.png(images.get(i)));
            paths.add(p);
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path stale : files.filter(p -> {
                var m = SAMPLE.matcher(p.getFileName().toString());
                return m.matches() && Integer.parseInt(m.group(1)) >= images.size();
            }).toList()) {
                Files.delete(stale);
            }
        }
        return paths;
    }

    /** The codes of each sample from the codes table, in sample order. */
    private List<SwapGrid.Code> codes(Path encodeRoot, List<Path> samples) throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path sample : samples) {
            ids.add(contentId(Files.readAllBytes(sample)));
        }
        Map<String, Row> byId = new HashMap<>();
        for (Row row : TableCommits.readCommitted(spark, encodeRoot.resolve("codes").toUri().toString(), Tables.CODES)
                .filter(col("id").isin(ids.toArray())).collectAsList()) {
            byId.putIfAbsent(row.<String>getAs("id"), row);
        }
        List<SwapGrid.Code> codes = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Row row = byId.get(ids.get(i));
            if (row == null) {
                throw new IllegalStateException("the encode job did not encode " + samples.get(i) + ": "
                        + encodeError(encodeRoot, ids.get(i)));
            }
            codes.add(new SwapGrid.Code(floats(row.getList(row.fieldIndex("structure"))),
                    row.getList(row.fieldIndex("structure_shape")).stream().mapToInt(v -> (Integer) v).toArray(),
                    floats(row.getList(row.fieldIndex("texture")))));
        }
        return codes;
    }

    /** Why a sample is in the quarantine, as the errors table says. */
    private String encodeError(Path encodeRoot, String id) {
        List<Row> errors = TableCommits.readCommitted(spark, encodeRoot.resolve("errors").toUri().toString(),
                Tables.ERRORS).filter(col("id").equalTo(id)).orderBy(col("run").desc()).collectAsList();
        return errors.isEmpty() ? "no codes and no error for it in " + encodeRoot
                : errors.get(0).<String>getAs("error") + ": " + errors.get(0).<String>getAs("message");
    }

    private static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Float) values.get(i);
        }
        return out;
    }

    /** The encode job's content id: the SHA-256 of the file's bytes, lower-case hex. */
    private static String contentId(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
