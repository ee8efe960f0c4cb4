package io.swapae.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.Preprocess;
import io.swapae.image.Preprocessor;
import io.swapae.image.RgbImage;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.Architecture;
import io.swapae.model.Codes;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.RuntimeOptions;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodeJobTest {

    private static final Architecture SMALL = new Architecture(8, 64, 0.0625, 4, 2, 2.0, 0.0625, 2, true, true);
    private static final Preprocess RESIZE_128 = Preprocess.of("resize", 128, 128);
    private static final int GOOD = 6;

    @TempDir
    static Path dir;
    static Path images;
    static Path checkpoint;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        images = Files.createDirectories(dir.resolve("images/nested"));
        for (int i = 0; i < GOOD; i++) {
            String name = i % 2 == 0 ? "img" + i + ".png" : "IMG" + i + ".JPG";
            Files.write(images.resolve(name), picture(150 + 10 * i, 120 + 7 * i, i, i % 2 == 0 ? "png" : "jpg"));
        }
        byte[] png = picture(64, 64, 9, "png");
        Files.write(images.resolve("truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
        Files.writeString(images.resolve("notes.jpg"), "not an image at all");
        Files.write(images.resolve("empty.png"), new byte[0]);
        Files.write(images.resolve("bomb.png"), pngHeader(100_000, 100_000));
        Files.writeString(images.resolve("readme.txt"), "ignored: not an image extension");
        checkpoint = dir.resolve("small.safetensors");
        SafetensorsWriter.write(ModelWeights.of(SMALL, RESIZE_128, RandomWeights.of(SMALL, 3), Map.of()), checkpoint);
    }

    static byte[] picture(int w, int h, int seed, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30 * seed % 255, 80, 200 - 20 * seed));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(250, 200 - 15 * seed, 40));
        g.fillOval(w / 4 + seed * 3, h / 5, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** A PNG signature and IHDR declaring {@code w × h}: a decompression bomb's header. */
    static byte[] pngHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        b.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 12, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static EncodeResult encode(Path output, boolean retry) throws Exception {
        EncodeOptions options = new EncodeOptions(List.of(dir.resolve("images").toUri().toString()),
                output.toUri().toString(), checkpoint.toString(), null, 4, 3, retry,
                EncodeOptions.DEFAULT_MAX_PIXELS, null, null);
        return new EncodeJob(spark, options, EncodeModel.of(checkpoint, null, RuntimeOptions.DEFAULT)).run();
    }

    static List<Row> committed(Path output, String table) throws IOException {
        OutputTables tables = new OutputTables(spark, output.toUri().toString());
        return (table.equals(OutputTables.CODES) ? tables.read(table, Tables.CODES) : tables.currentErrors())
                .collectAsList();
    }

    @Test
    void encodesEveryGoodImageOnceAndQuarantinesEveryBadOneWithItsReason(@TempDir Path out) throws Exception {
        EncodeResult r = encode(out, false);
        assertThat(r.encoded()).isEqualTo(GOOD);
        assertThat(r.failed()).isEqualTo(4);

        List<Row> codes = committed(out, OutputTables.CODES);
        assertThat(codes).hasSize(GOOD);
        assertThat(codes.stream().map(row -> row.<String>getAs("id")).distinct()).hasSize(GOOD);
        Map<String, String> errors = committed(out, OutputTables.ERRORS).stream().collect(Collectors.toMap(
                row -> Path.of(java.net.URI.create(row.<String>getAs("source"))).getFileName().toString(),
                row -> row.<String>getAs("error")));
        assertThat(errors).containsEntry("truncated.png", "TRUNCATED").containsEntry("notes.jpg", "NOT_AN_IMAGE")
                .containsEntry("empty.png", "EMPTY").containsEntry("bomb.png", "TOO_MANY_PIXELS");
        assertThat(Files.readString(out.resolve("_run.json"))).contains("\"encoded\" : 6").contains(r.model());
    }

    @Test
    void codesEqualCallingTheModelDirectly(@TempDir Path out) throws Exception {
        encode(out, false);
        Map<String, Row> bySource = new HashMap<>();
        for (Row row : committed(out, OutputTables.CODES)) {
            bySource.put(Path.of(java.net.URI.create(row.<String>getAs("source"))).getFileName().toString(), row);
        }
        ImageDecoder decoder = new ImageDecoder();
        Preprocessor preprocessor = new Preprocessor(RESIZE_128);
        try (SwappingAutoencoder model = SwappingAutoencoder.create(SMALL, RandomWeights.of(SMALL, 3));
             NDManager m = model.manager().newSubManager();
             Stream<Path> files = Files.list(images)) {
            for (Path f : files.filter(p -> p.getFileName().toString().toLowerCase().startsWith("img")).toList()) {
                RgbImage image = preprocessor.apply(decoder.decode(Files.readAllBytes(f)));
                Codes codes = model.encode(m.create(ImageTensors.toChw(image), new Shape(1, 3, 128, 128)));
                Row row = bySource.get(f.getFileName().toString());
                assertThat(row).as(f.toString()).isNotNull();
                assertClose(row.getList(row.fieldIndex("structure")), codes.structure().toFloatArray());
                assertClose(row.getList(row.fieldIndex("texture")), codes.texture().toFloatArray());
                assertThat(row.<Integer>getList(row.fieldIndex("structure_shape"))).containsExactly(8, 8, 8);
            }
        }
    }

    @Test
    void aRerunAddsNothingAndRestoresExactlyWhatWasDeleted(@TempDir Path out) throws Exception {
        encode(out, false);
        EncodeResult again = encode(out, false);
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
        EncodeResult restored = encode(out, false);
        assertThat(restored.encoded()).isEqualTo(GOOD - left);
        List<Row> codes = committed(out, OutputTables.CODES);
        assertThat(codes).hasSize(GOOD);
        assertThat(codes.stream().map(row -> row.<String>getAs("id")).distinct()).hasSize(GOOD);
    }

    @Test
    void retryingErrorsDoesNotDuplicateThemOrTheCodes(@TempDir Path out) throws Exception {
        encode(out, false);
        EncodeResult retry = encode(out, true);
        assertThat(retry.encoded()).isZero();
        assertThat(retry.failed()).isEqualTo(4);
        assertThat(committed(out, OutputTables.CODES)).hasSize(GOOD);
        assertThat(committed(out, OutputTables.ERRORS)).hasSize(4);
    }

    private static void assertClose(List<Float> actual, float[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) Math.abs(actual.get(i) - expected[i])).isLessThanOrEqualTo(1e-5);
        }
    }
}
