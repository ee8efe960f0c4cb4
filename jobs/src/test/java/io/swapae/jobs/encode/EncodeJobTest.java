package io.swapae.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.Preprocessor;
import io.swapae.image.RgbImage;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.Codes;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.model.ComputePath;
import io.swapae.runtime.DeviceChoice;
import io.swapae.runtime.Precision;
import io.swapae.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodeJobTest {

    private static final int GOOD = 6;

    @TempDir
    static Path dir;
    static Path images;
    static Path checkpoint;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        EncodeDataset.images(dir.resolve("images"), GOOD);
        images = dir.resolve("images/nested");
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
    }

    static EncodeSummary encode(Path output, boolean retry) throws Exception {
        return encode(output, retry, RuntimeOptions.DEFAULT);
    }

    static EncodeSummary encode(Path output, boolean retry, RuntimeOptions runtime) throws Exception {
        EncodeOptions options = new EncodeOptions(List.of(dir.resolve("images").toUri().toString()),
                output.toUri().toString(), checkpoint.toString(), null, 4, 3, retry,
                EncodeOptions.DEFAULT_MAX_PIXELS, null, null);
        return new EncodeJob(spark, options, EncodeModel.of(checkpoint, null, runtime)).run();
    }

    static List<Row> committed(Path output, String table) throws IOException {
        OutputTables tables = new OutputTables(spark, output.toUri().toString());
        return (table.equals(OutputTables.CODES) ? tables.read(table, Tables.CODES) : tables.currentErrors())
                .collectAsList();
    }

    @Test
    void encodesEveryGoodImageOnceAndQuarantinesEveryBadOneWithItsReason(@TempDir Path out) throws Exception {
        EncodeSummary r = encode(out, false);
        assertThat(r.encoded()).isEqualTo(GOOD);
        assertThat(r.failed()).isEqualTo(4);

        List<Row> codes = committed(out, OutputTables.CODES);
        assertThat(codes).hasSize(GOOD);
        assertThat(codes.stream().map(row -> row.<String>getAs("id")).distinct()).hasSize(GOOD);
        Map<String, String> errors = committed(out, OutputTables.ERRORS).stream().collect(Collectors.toMap(
                row -> Path.of(java.net.URI.create(row.<String>getAs("source"))).getFileName().toString(),
                row -> row.<String>getAs("error")));
        assertThat(errors).isEqualTo(EncodeDataset.BAD);
        assertThat(Files.readString(out.resolve("_run.json"))).contains("\"encoded\" : 6").contains(r.model());
    }

    @Test
    void codesEqualCallingTheModelDirectly(@TempDir Path out) throws Exception {
        encode(out, false);
        assertCodesMatchTheModel(out, 1e-5);
        assertThat(Files.readString(out.resolve("_run.json"))).contains("\"precision\" : \"fp32\"");
    }

    @Test
    void halfPrecisionCodesStayWithinHalfPrecisionOfTheFloat32Model(@TempDir Path out) throws Exception {
        EncodeSummary r = encode(out, false, new RuntimeOptions(DeviceChoice.AUTO, ComputePath.FAST, Precision.FP16, 0));
        assertThat(r.encoded()).isEqualTo(GOOD);
        // float16 rounds to 4.9e-4 relative; over the encoder's layers that stays well under 1e-2 of a code's scale
        assertCodesMatchTheModel(out, 1e-2);
        assertThat(Files.readString(out.resolve("_run.json"))).contains("\"precision\" : \"fp16\"");
    }

    /** Every image's committed codes equal those of the float32 model called directly, within {@code tolerance}. */
    private static void assertCodesMatchTheModel(Path out, double tolerance) throws Exception {
        Map<String, Row> bySource = new HashMap<>();
        for (Row row : committed(out, OutputTables.CODES)) {
            bySource.put(Path.of(java.net.URI.create(row.<String>getAs("source"))).getFileName().toString(), row);
        }
        ImageDecoder decoder = new ImageDecoder();
        Preprocessor preprocessor = new Preprocessor(EncodeDataset.RESIZE_128);
        try (SwappingAutoencoder model = SwappingAutoencoder.create(EncodeDataset.SMALL, RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED));
             NDManager m = model.manager().newSubManager();
             Stream<Path> files = Files.list(images)) {
            for (Path f : files.filter(p -> p.getFileName().toString().toLowerCase().startsWith("img")).toList()) {
                RgbImage image = preprocessor.apply(decoder.decode(Files.readAllBytes(f)));
                Codes codes = model.encode(m.create(ImageTensors.toChw(image), new Shape(1, 3, 128, 128)));
                Row row = bySource.get(f.getFileName().toString());
                assertThat(row).as(f.toString()).isNotNull();
                assertClose(row.getList(row.fieldIndex("structure")), codes.structure().toFloatArray(), tolerance);
                assertClose(row.getList(row.fieldIndex("texture")), codes.texture().toFloatArray(), tolerance);
                assertThat(row.<Integer>getList(row.fieldIndex("structure_shape"))).containsExactly(8, 8, 8);
            }
        }
    }

    @Test
    void aRerunAddsNothingAndRestoresExactlyWhatWasDeleted(@TempDir Path out) throws Exception {
        encode(out, false);
        EncodeSummary again = encode(out, false);
        assertThat(again.encoded()).isZero();
        assertThat(again.failed()).isZero();
        assertThat(committed(out, OutputTables.CODES)).hasSize(GOOD);
        assertThat(committed(out, OutputTables.ERRORS)).hasSize(4);

        Path firstRun;
        try (Stream<Path> runs = Files.list(out.resolve("codes"))) {
            firstRun = runs.sorted().findFirst().orElseThrow();
        }
        try (Stream<Path> parts = Files.list(firstRun)) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.delete(part);
        }
        int left = committed(out, OutputTables.CODES).size();
        assertThat(left).isLessThan(GOOD);
        EncodeSummary restored = encode(out, false);
        assertThat(restored.encoded()).isEqualTo(GOOD - left);
        List<Row> codes = committed(out, OutputTables.CODES);
        assertThat(codes).hasSize(GOOD);
        assertThat(codes.stream().map(row -> row.<String>getAs("id")).distinct()).hasSize(GOOD);
    }

    @Test
    void anotherModelEncodesTheSameImagesAgainUnderItsOwnFingerprint(@TempDir Path out) throws Exception {
        encode(out, false);
        Path other = dir.resolve("other.safetensors");
        SafetensorsWriter.write(ModelWeights.of(EncodeDataset.SMALL, EncodeDataset.RESIZE_128,
                RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED + 1), Map.of()), other);
        EncodeOptions options = new EncodeOptions(List.of(dir.resolve("images").toUri().toString()),
                out.toUri().toString(), other.toString(), null, 4, 3, false, EncodeOptions.DEFAULT_MAX_PIXELS, null,
                null);
        EncodeModel second = EncodeModel.of(other, null, RuntimeOptions.DEFAULT);
        EncodeSummary r = new EncodeJob(spark, options, second).run();
        assertThat(r.encoded()).isEqualTo(GOOD);

        Map<String, Long> perModel = committed(out, OutputTables.CODES).stream()
                .collect(Collectors.groupingBy(row -> row.<String>getAs("model"), Collectors.counting()));
        assertThat(perModel).hasSize(2).containsEntry(second.fingerprint(), (long) GOOD).allSatisfy((m, n) ->
                assertThat(n).isEqualTo(GOOD));
        assertThat(new EncodeJob(spark, options, second).run().encoded()).isZero();
    }

    @Test
    void retryingErrorsDoesNotDuplicateThemOrTheCodes(@TempDir Path out) throws Exception {
        encode(out, false);
        EncodeSummary retry = encode(out, true);
        assertThat(retry.encoded()).isZero();
        assertThat(retry.failed()).isEqualTo(4);
        assertThat(committed(out, OutputTables.CODES)).hasSize(GOOD);
        assertThat(committed(out, OutputTables.ERRORS)).hasSize(4);
    }

    private static void assertClose(List<Float> actual, float[] expected, double tolerance) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) Math.abs(actual.get(i) - expected[i])).isLessThanOrEqualTo(tolerance);
        }
    }
}
