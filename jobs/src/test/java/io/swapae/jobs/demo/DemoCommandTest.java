package io.swapae.jobs.demo;

import io.swapae.jobs.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageSize;
import io.swapae.image.ImageTensors;
import io.swapae.image.Preprocessor;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.Codes;
import io.swapae.model.Noise;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    /** The side of the test model's images (its preprocessing: resize/128/128). */
    private static final int SIDE = 128;
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint (sha256:[0-9a-f]{16})");

    @TempDir
    static Path dir;
    static Path checkpoint;

    @BeforeAll
    static void setUp() throws Exception {
        TestSpark.session();
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
    }

    static CliRun demo(String... args) {
        List<String> all = new ArrayList<>(List.of("demo"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** The encode job's output root: one folder per model under {@code encoded}. */
    static Path encodeRoot(Path out) throws Exception {
        try (Stream<Path> models = Files.list(out.resolve("encoded"))) {
            List<Path> roots = models.toList();
            assertThat(roots).hasSize(1);
            return roots.get(0);
        }
    }

    static List<Row> codes(Path out) throws Exception {
        return TableCommits.readCommitted(TestSpark.session(), encodeRoot(out).resolve("codes").toUri().toString(),
                Tables.CODES).collectAsList();
    }

    static RgbImage read(Path png) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(png));
    }

    @Test
    void demoWritesSamplesCodesGridAndPageAndSaysTheModelIsUntrained(@TempDir Path out) throws Exception {
        CliRun r = demo("--output", out.toString(), "--images", "3", "--size", "128");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(out.toAbsolutePath().toString()).contains("embedded default model")
                .contains("untrained").contains("swapae demo --model");
        try (Stream<Path> samples = Files.list(out.resolve("samples"))) {
            List<Path> pngs = samples.sorted().toList();
            assertThat(pngs).extracting(p -> p.getFileName().toString())
                    .containsExactly("landscape-0.png", "landscape-1.png", "landscape-2.png");
            for (Path png : pngs) {
                assertThat(read(png).size()).isEqualTo(new ImageSize(128, 128));
            }
        }
        List<Row> codes = codes(out);
        assertThat(codes).hasSize(3);
        Matcher fingerprint = FINGERPRINT.matcher(r.out());
        assertThat(fingerprint.find()).as(r.out()).isTrue();
        assertThat(codes).allSatisfy(row -> assertThat(row.<String>getAs("model")).isEqualTo(fingerprint.group(1)));
        assertThat(encodeRoot(out).resolve("errors")).isDirectory();
        assertThat(encodeRoot(out).resolve("_run.json")).isRegularFile();
        assertThat(read(out.resolve("grid.png")).size()).isEqualTo(new ImageSize(4 * 128, 4 * 128));
        String page = Files.readString(out.resolve("index.html"));
        assertThat(page).contains("src=\"grid.png\"").contains("src=\"samples/landscape-2.png\"")
                .contains("untrained").contains(fingerprint.group(1));
    }

    @Test
    void demoWithAModelPathUsesThatCheckpointAndNamesIt(@TempDir Path out) throws Exception {
        CliRun r = demo("--output", out.toString(), "--images", "3", "--model", checkpoint.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String fingerprint = CheckpointLoader.load(checkpoint).fingerprint().toString();
        assertThat(codes(out)).hasSize(3)
                .allSatisfy(row -> assertThat(row.<String>getAs("model")).isEqualTo(fingerprint));
        assertThat(r.out()).contains(checkpoint.toAbsolutePath().toString()).contains(fingerprint)
                .contains("resize/128/128").doesNotContain("untrained");
        assertThat(Files.readString(out.resolve("index.html"))).contains(checkpoint.toAbsolutePath().toString())
                .doesNotContain("Untrained");
        assertThat(read(out.resolve("samples/landscape-0.png")).size()).isEqualTo(new ImageSize(SIDE, SIDE));
        assertThat(read(out.resolve("grid.png")).size()).isEqualTo(new ImageSize(4 * SIDE, 4 * SIDE));
    }

    @Test
    void diagonalCellsAreTheReconstructionsAndRowsTakeTheStructureColumnsTheTexture(@TempDir Path out)
            throws Exception {
        long seed = 5;
        CliRun r = demo("--output", out.toString(), "--images", "3", "--seed", Long.toString(seed),
                "--model", checkpoint.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        RgbImage grid = read(out.resolve("grid.png"));

        Preprocessor preprocessor = new Preprocessor(EncodeDataset.RESIZE_128);
        try (SwappingAutoencoder model = SwappingAutoencoder.create(EncodeDataset.SMALL,
                RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED));
             NDManager m = model.manager().newSubManager()) {
            List<Codes> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RgbImage seen = preprocessor.apply(read(out.resolve("samples/landscape-" + i + ".png")));
                assertThat(cell(grid, 0, i + 1)).isEqualTo(seen);
                assertThat(cell(grid, i + 1, 0)).isEqualTo(seen);
                codes.add(model.encode(m.create(ImageTensors.toChw(seen), new Shape(1, 3, SIDE, SIDE))));
            }
            for (int i = 0; i < 3; i++) {
                RgbImage reconstruction = generate(model, codes.get(i), codes.get(i), Noise.seeded(seed, i));
                assertThat(maxDifference(cell(grid, i + 1, i + 1), reconstruction)).as("cell (%d, %d)", i, i)
                        .isLessThanOrEqualTo(1);
            }
            RgbImage swap01 = generate(model, codes.get(0), codes.get(1), Noise.seeded(seed, 0));
            RgbImage swap10 = generate(model, codes.get(1), codes.get(0), Noise.seeded(seed, 1));
            assertThat(maxDifference(swap01, swap10)).as("the two swaps must differ for this check to mean anything")
                    .isGreaterThan(10);
            assertThat(maxDifference(cell(grid, 1, 2), swap01)).isLessThanOrEqualTo(1);
            assertThat(maxDifference(cell(grid, 2, 1), swap10)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aRerunIntoTheSameFolderEncodesNothingAndRewritesTheGridAndPage(@TempDir Path out) throws Exception {
        CliRun first = demo("--output", out.toString(), "--images", "3", "--model", checkpoint.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        byte[] grid = Files.readAllBytes(out.resolve("grid.png"));
        Files.delete(out.resolve("grid.png"));
        Files.delete(out.resolve("index.html"));

        CliRun again = demo("--output", out.toString(), "--images", "3", "--model", checkpoint.toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 encoded now, 3 skipped");
        assertThat(codes(out)).hasSize(3);
        assertThat(Files.readAllBytes(out.resolve("grid.png"))).isEqualTo(grid);
        assertThat(out.resolve("index.html")).isRegularFile();
    }

    @Test
    void aSizeTheDefaultModelCannotTakeIsRefusedBeforeAnythingIsWritten(@TempDir Path parent) {
        Path out = parent.resolve("demo");

        CliRun r = demo("--output", out.toString(), "--images", "3", "--size", "100");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--size 100").contains("multiple of 16").contains("at least 112");
        assertThat(out).doesNotExist();
    }

    @Test
    void helpDescribesTheOptions() {
        CliRun r = demo("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--output").contains("--images").contains("--size").contains("--seed")
                .contains("--model");
    }

    private static RgbImage generate(SwappingAutoencoder model, Codes structure, Codes texture, Noise noise) {
        try (NDArray image = model.generate(structure.structure(), texture.texture(), noise)) {
            return ImageTensors.fromChw(image.toFloatArray(), 0, SIDE, SIDE);
        }
    }

    private static RgbImage cell(RgbImage grid, int row, int column) {
        byte[] px = new byte[3 * SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            System.arraycopy(grid.pixels(), 3 * ((row * SIDE + y) * grid.width() + column * SIDE), px, 3 * y * SIDE,
                    3 * SIDE);
        }
        return new RgbImage(SIDE, SIDE, px);
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }
}
