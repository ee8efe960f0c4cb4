package io.swapae.jobs.mix;

import static io.swapae.jobs.mix.MixFixture.maxDifference;
import static io.swapae.jobs.mix.MixFixture.meanDifference;
import static io.swapae.jobs.mix.MixFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.image.ImageDecoder;
import io.swapae.image.RgbImage;
import io.swapae.jobs.generate.GeneratedTable;
import io.swapae.jobs.generate.ImageOutput;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixGridTest {

    @TempDir
    static Path dir;
    static SparkSession spark;
    static MixFixture f;
    static List<String> ids;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        f = MixFixture.encoded(spark, dir);
        ids = f.ids;
    }

    private static MixOptions options(Path out, MixOp op, List<String> rows, List<String> columns) {
        return f.options(out, op, rows, columns);
    }

    /** The rows of {@code OUT/generated}, keyed by "structure id / texture ids / params". */
    private static Map<String, Row> generated(Path out) {
        Map<String, Row> rows = new TreeMap<>();
        for (Row r : f.generated(out)) {
            rows.put(r.<String>getList(3).get(0) + "/" + String.join(",", r.<String>getList(4)) + "/"
                    + r.getString(2), r);
        }
        return rows;
    }

    private static SwappingAutoencoder testModel() throws Exception {
        return MixFixture.model();
    }

    @Test
    void swapGridDiagonalIsTheReconstructionAndARerunAddsNothing(@TempDir Path out) throws Exception {
        List<String> two = List.of(ids.get(0).substring(0, 8), ids.get(1).substring(0, 12));
        MixSummary first = new MixJob(spark, options(out, MixOp.SWAP, two, two)).run();
        assertThat(first.cells()).isEqualTo(4);
        assertThat(first.written()).isEqualTo(4);
        assertThat(first.grids()).hasSize(1);
        assertThat(Files.exists(out.resolve(first.grids().get(0)))).isTrue();
        assertThat(Files.readString(out.resolve("_run.json"))).contains("\"written\" : 4");

        Map<String, Row> rows = generated(out);
        assertThat(rows).hasSize(4);
        try (SwappingAutoencoder model = testModel()) {
            for (int i = 0; i < 2; i++) {
                Row cell = rows.get(ids.get(i) + "/" + ids.get(i) + "/{}");
                assertThat(cell.getString(1)).isEqualTo("swap");
                assertThat(cell.getString(5)).endsWith("/images/swap/" + cell.getString(0) + ".png");
                RgbImage written = read(cell.getString(5));
                assertThat(written.width()).isEqualTo(cell.getInt(6));
                assertThat(maxDifference(written, f.direct(model, ids.get(i), ids.get(i)))).as("cell (%d, %d)", i, i)
                        .isLessThanOrEqualTo(1);
            }
            RgbImage swap01 = read(rows.get(ids.get(0) + "/" + ids.get(1) + "/{}").getString(5));
            assertThat(maxDifference(swap01, f.direct(model, ids.get(0), ids.get(0))))
                    .as("a swap differs from the reconstruction").isGreaterThan(1);
            assertThat(maxDifference(swap01, f.direct(model, ids.get(0), ids.get(1)))).isLessThanOrEqualTo(1);
        }

        MixSummary again = new MixJob(spark, options(out, MixOp.SWAP, two, two)).run();
        assertThat(again.written()).isZero();
        assertThat(again.skipped()).isEqualTo(4);
        assertThat(again.run()).isNull();
        assertThat(generated(out)).hasSize(4);
        assertThat(TableCommits.committedRuns(spark, out.resolve("generated").toUri().toString())).hasSize(1);
    }

    @Test
    void interpolationEndsAreTheSwapsWithTheEndpoints(@TempDir Path out) throws Exception {
        List<String> rows = List.of(ids.get(0), ids.get(1));
        List<String> ends = List.of(ids.get(1), ids.get(2));
        MixSummary r = new MixJob(spark, options(out, MixOp.INTERPOLATE, rows, ends).withSteps(3, true)).run();
        assertThat(r.written()).isEqualTo(6);
        Map<String, Row> cells = generated(out);
        assertThat(cells).hasSize(6);
        String pair = ids.get(1) + "," + ids.get(2);
        try (SwappingAutoencoder model = testModel()) {
            for (String row : rows) {
                RgbImage start = read(cells.get(row + "/" + pair + "/{\"step\":0,\"steps\":3,\"t\":0.0,\"slerp\":true}")
                        .getString(5));
                RgbImage middle = read(cells.get(row + "/" + pair
                        + "/{\"step\":1,\"steps\":3,\"t\":0.5,\"slerp\":true}").getString(5));
                RgbImage end = read(cells.get(row + "/" + pair + "/{\"step\":2,\"steps\":3,\"t\":1.0,\"slerp\":true}")
                        .getString(5));
                assertThat(maxDifference(start, f.direct(model, row, ids.get(1)))).isLessThanOrEqualTo(1);
                assertThat(maxDifference(end, f.direct(model, row, ids.get(2)))).isLessThanOrEqualTo(1);
                assertThat(maxDifference(middle, start)).as("the middle step is neither end").isGreaterThan(1);
                assertThat(maxDifference(middle, end)).isGreaterThan(1);
            }
        }
    }

    @Test
    void aSeededSampleChoosesTheSameSourcesEveryTime(@TempDir Path out) throws Exception {
        MixOptions sampled = new MixOptions(f.codesTable(), out.toUri().toString(),
                MixOp.SWAP, List.of(), List.of(), 2, 9, 5, false, 1, f.checkpoint.toString(), 8, "auto",
                ImageOutput.PNG_FILES, null, null, null);
        MixSummary first = new MixJob(spark, sampled).run();
        assertThat(first.cells()).isEqualTo(4);
        assertThat(first.grids()).as("tiles of 1x1 cells").hasSize(4);
        assertThat(new MixJob(spark, sampled).run().written()).isZero();
        assertThat(generated(out)).hasSize(4);
    }

    @Test
    void aFilterChoosesWhichCodesTheSampleDrawsFrom(@TempDir Path out) throws Exception {
        String two = "id IN ('" + f.ids.get(0) + "', '" + f.ids.get(2) + "')";
        MixOptions sampled = new MixOptions(f.codesTable(), out.toUri().toString(), MixOp.SWAP, List.of(), List.of(),
                3, 9, 5, false, 8, f.checkpoint.toString(), 8, "auto", ImageOutput.PNG_FILES, null, null, two);
        MixSummary r = new MixJob(spark, sampled).run();
        assertThat(r.cells()).as("two codes pass the filter").isEqualTo(4);
        assertThat(generated(out).keySet()).allMatch(key -> !key.contains(f.ids.get(1)));
        assertThatThrownBy(() -> new MixJob(spark, sampled.withFilter("colour = 'red'")).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--filter 'colour = 'red'' is not a condition on the codes table");
        assertThatThrownBy(() -> new MixJob(spark, sampled.withFilter("width > 100000")).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passes --filter");
    }

    @Test
    void parquetStoreKeepsJpegCellsInTheTableWithTilesAndGalleryFromThem(@TempDir Path out) throws Exception {
        List<String> two = List.of(ids.get(0), ids.get(2));
        MixSummary r = new MixJob(spark, options(out, MixOp.SWAP, two, two)
                .withImages(ImageOutput.of("jpeg", 90, "parquet"))).run();
        assertThat(r.written()).isEqualTo(4);
        List<Row> rows = TableCommits.readCommitted(spark, out.resolve("generated").toUri().toString(),
                GeneratedTable.SCHEMA).collectAsList();
        assertThat(rows).hasSize(4);
        try (SwappingAutoencoder model = testModel()) {
            for (Row row : rows) {
                assertThat(row.<String>getAs("uri")).as("no file with --store parquet").isNull();
                assertThat(row.<String>getAs("format")).isEqualTo("jpeg");
                byte[] jpeg = row.getAs("image");
                assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
                assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
                RgbImage cell = new ImageDecoder().decode(jpeg);
                RgbImage direct = f.direct(model, row.<String>getList(3).get(0), row.<String>getList(4).get(0));
                assertThat(meanDifference(cell, direct)).as("JPEG at quality 90 is close to the decode").isLessThan(4);
            }
        }
        try (var cells = Files.list(out.resolve("images/swap"))) {
            assertThat(cells.map(p -> p.getFileName().toString()).filter(name -> !name.endsWith(".crc")).toList())
                    .as("only the grid picture")
                    .singleElement().asString().startsWith("grid-");
        }
        RgbImage grid = read(out.resolve(r.grids().get(0)).toUri().toString());
        assertThat(grid.width()).as("two cells and the header column").isEqualTo(3 * rows.get(0).<Integer>getAs("width"));
        String page = Files.readString(out.resolve(r.gallery()));
        assertThat(page.split("<figure>", -1)).hasSize(5);
        assertThat(Files.readString(out.resolve("index.html"))).contains(r.run()).contains("4 pictures");
    }

    @Test
    void codesOfSeveralModelsAreRefused(@TempDir Path out) throws Exception {
        Path other = dir.resolve("other.safetensors");
        SafetensorsWriter.write(ModelWeights.of(EncodeDataset.SMALL, EncodeDataset.RESIZE_128,
                RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED + 1), Map.of()), other);
        Path mixed = dir.resolve("mixed");
        f.encode(mixed, f.checkpoint);
        f.encode(mixed, other);
        MixOptions options = MixOptions.of(mixed.resolve("codes").toUri().toString(), out.toUri().toString(),
                MixOp.SWAP, List.of(ids.get(0)), List.of(ids.get(1))).withModel(f.checkpoint.toString());
        assertThatThrownBy(() -> new MixJob(spark, options).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("come from 2 models").hasMessageContaining("sha256:");
        assertThat(Files.exists(out.resolve("generated"))).isFalse();
    }
}
