package io.swapae.jobs.mix;

import static io.swapae.jobs.mix.MixFixture.maxDifference;
import static io.swapae.jobs.mix.MixFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.generate.ImageRequest;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.latent.StructureBlend;
import io.swapae.latent.StructureBlend.Feather;
import io.swapae.model.SwappingAutoencoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixBlendTest {

    @TempDir
    static Path dir;
    static MixFixture f;
    static List<String> ids;

    @BeforeAll
    static void setUp() throws Exception {
        f = MixFixture.encoded(TestSpark.session(), dir);
        ids = f.ids;
    }

    private static MixOptions blend(Path out, List<String> rows, List<String> columns, BlendOptions blend) {
        return f.options(out, MixOp.BLEND, rows, columns).withBlend(blend);
    }

    /** The picture of the cell whose structure sources are {@code left} and {@code right}. */
    private static RgbImage cell(Path out, String left, String right) throws Exception {
        for (Row r : f.generated(out)) {
            if (r.<String>getList(3).equals(List.of(left, right))) {
                return read(r.getString(5));
            }
        }
        throw new AssertionError("no cell of " + left + " and " + right);
    }

    private static float[] joined(String left, String right, int seam, Feather feather) {
        return StructureBlend.sideBySide(List.of(f.structure(left), f.structure(right)),
                List.of(f.shape(left), f.shape(right)), seam, feather);
    }

    private static int[] joinedShape(String left, String right, int seam) {
        return StructureBlend.sideBySideShape(List.of(f.shape(left), f.shape(right)), seam);
    }

    @Test
    void aCellWithTheLeftTextureIsTheDecodeOfTheJoinedCodesAndARerunAddsNothing(@TempDir Path out)
            throws Exception {
        String left = ids.get(0);
        BlendOptions options = new BlendOptions(2, Feather.COSINE, BlendOptions.LEFT);
        MixSummary r = new MixJob(f.spark, blend(out, List.of(left), List.of(ids.get(1), ids.get(2)), options)).run();
        assertThat(r.written()).isEqualTo(2);
        assertThat(r.grids()).hasSize(1);
        try (SwappingAutoencoder model = MixFixture.model()) {
            for (String right : List.of(ids.get(1), ids.get(2))) {
                RgbImage cell = cell(out, left, right);
                assertThat(cell.width()).as("two codes side by side make a wide picture")
                        .isGreaterThan(cell.height());
                RgbImage direct = MixFixture.decode(model, joined(left, right, 2, Feather.COSINE),
                        joinedShape(left, right, 2), f.texture(left), CellRequests.noiseId(left));
                assertThat(maxDifference(cell, direct)).isLessThanOrEqualTo(1);
            }
        }
        RgbImage grid = read(out.resolve(r.grids().get(0)).toUri().toString());
        RgbImage cell = cell(out, left, ids.get(1));
        assertThat(grid.width()).as("header column and two wide cells").isEqualTo(3 * cell.width());
        assertThat(grid.height()).isEqualTo(2 * cell.height());
        assertThat(new MixJob(f.spark, blend(out, List.of(left), List.of(ids.get(1), ids.get(2)), options)).run()
                .written()).isZero();
        assertThat(f.generated(out)).hasSize(2);
    }

    @Test
    void aCodeNamedAsTheTextureIsUsedForEveryCell(@TempDir Path out) throws Exception {
        String texture = ids.get(2);
        new MixJob(f.spark, blend(out, List.of(ids.get(0)), List.of(ids.get(1)),
                new BlendOptions(0, Feather.LINEAR, texture.substring(0, 10)))).run();
        Row row = f.generated(out).get(0);
        assertThat(row.<String>getList(4)).containsExactly(texture);
        assertThat(row.getString(2)).contains("\"texture\":\"" + texture + "\"");
        try (SwappingAutoencoder model = MixFixture.model()) {
            RgbImage direct = MixFixture.decode(model, joined(ids.get(0), ids.get(1), 0, Feather.LINEAR),
                    joinedShape(ids.get(0), ids.get(1), 0), f.texture(texture), CellRequests.noiseId(ids.get(0)));
            assertThat(maxDifference(read(row.getString(5)), direct)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void regionsKeepEachSidesTextureAndInterpolateAcrossTheSeam(@TempDir Path out) throws Exception {
        String left = ids.get(0);
        String right = ids.get(1);
        int seam = 2;
        new MixJob(f.spark, blend(out, List.of(left), List.of(right),
                new BlendOptions(seam, Feather.LINEAR, BlendOptions.REGIONS))).run();
        Row row = f.generated(out).get(0);
        assertThat(row.<String>getList(4)).containsExactly(left, right);
        RgbImage cell = read(row.getString(5));
        float[] structure = joined(left, right, seam, Feather.LINEAR);
        int[] shape = joinedShape(left, right, seam);
        try (SwappingAutoencoder model = MixFixture.model()) {
            int[] size = new int[2];
            float[] withLeft = MixFixture.decodeFloats(model, structure, shape, f.texture(left),
                    CellRequests.noiseId(left), size);
            float[] withRight = MixFixture.decodeFloats(model, structure, shape, f.texture(right),
                    CellRequests.noiseId(left), size);
            int width = size[0];
            int height = size[1];
            RgbImage leftDecode = ImageTensors.fromChw(withLeft, 0, width, height);
            RgbImage rightDecode = ImageTensors.fromChw(withRight, 0, width, height);
            int edge = width / shape[2];
            assertThat(maxDifference(cell, leftDecode, 0, edge)).as("left edge: the left texture")
                    .isLessThanOrEqualTo(1);
            assertThat(maxDifference(cell, rightDecode, width - edge, width)).as("right edge: the right texture")
                    .isLessThanOrEqualTo(1);
            assertThat(maxDifference(cell, leftDecode, width - edge, width)).as("the textures differ")
                    .isGreaterThan(1);

            double[][] weights = new ImageRequest.TextureRegions(List.of(f.texture(left), f.texture(right)),
                    StructureBlend.seamWeights(new int[] {f.shape(left)[2], f.shape(right)[2]}, seam,
                            Feather.LINEAR)).pixelWeights(width);
            float[] composite = new float[withLeft.length];
            for (int i = 0; i < composite.length; i++) {
                int x = i % width;
                composite[i] = (float) (weights[0][x] * withLeft[i] + weights[1][x] * withRight[i]);
            }
            assertThat(maxDifference(cell, ImageTensors.fromChw(composite, 0, width, height)))
                    .as("everywhere the seam-weighted mix of the two decodes").isLessThanOrEqualTo(1);
            for (int x = 1; x < width; x++) {
                assertThat(weights[1][x]).as("the right texture's weight never falls").isGreaterThanOrEqualTo(
                        weights[1][x - 1]);
            }
        }
    }

    @Test
    void aSeamWiderThanTheCodesIsRefusedNamingTheOption(@TempDir Path out) {
        MixOptions options = blend(out, List.of(ids.get(0)), List.of(ids.get(1)),
                new BlendOptions(200, Feather.LINEAR, BlendOptions.LEFT));
        assertThatThrownBy(() -> new MixJob(f.spark, options).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--seam 200 is wider than the structure codes").hasMessageContaining("accepted 0..");
        assertThat(Files.exists(out.resolve("generated"))).isFalse();
    }
}
