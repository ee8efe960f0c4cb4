package io.swapae.jobs.mix;

import static io.swapae.jobs.mix.MixFixture.maxDifference;
import static io.swapae.jobs.mix.MixFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.image.RgbImage;
import io.swapae.jobs.directions.CodeSpace;
import io.swapae.jobs.directions.DirectionCatalogue;
import io.swapae.jobs.directions.DirectionsJob;
import io.swapae.jobs.directions.DirectionsOptions;
import io.swapae.jobs.generate.ImageRequest;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.latent.DirectionEdits;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixEditTest {

    @TempDir
    static Path dir;
    static MixFixture f;
    static List<String> ids;
    static Path textureCatalogue;
    static Path localCatalogue;

    @BeforeAll
    static void setUp() throws Exception {
        f = MixFixture.encoded(TestSpark.session(), dir);
        ids = f.ids;
        textureCatalogue = catalogue(f.root, dir.resolve("texture"), CodeSpace.TEXTURE);
        localCatalogue = catalogue(f.root, dir.resolve("local"), CodeSpace.STRUCTURE_LOCAL);
    }

    private static Path catalogue(Path codesRoot, Path folder, CodeSpace space) throws Exception {
        new DirectionsJob(f.spark, DirectionsOptions.of(codesRoot.resolve("codes").toUri().toString(),
                folder.toUri().toString(), space).withComponents(2, 0)).run();
        return folder;
    }

    private static MixOptions edit(Path out, List<String> rows, Path catalogue, int component,
                                   List<Double> strengths, EditOptions.Region region) {
        return MixOptions.edit(f.codesTable(), out.toUri().toString(), rows,
                new EditOptions(catalogue.toUri().toString(), component, strengths, region))
                .withModel(f.checkpoint.toString());
    }

    /** The picture of the cell of {@code source} at {@code strength}. */
    private static RgbImage cell(Path out, String source, double strength) throws Exception {
        for (Row r : f.generated(out)) {
            if (r.<String>getList(3).get(0).equals(source) && r.getString(2).contains("\"strength\":" + strength)) {
                return read(r.getString(5));
            }
        }
        throw new AssertionError("no cell of " + source + " at strength " + strength);
    }

    @Test
    void strengthZeroIsTheReconstructionAndACellIsTheDecodeOfTheMovedTexture(@TempDir Path out) throws Exception {
        List<String> rows = List.of(ids.get(0), ids.get(1));
        MixSummary r = new MixJob(f.spark, edit(out, rows, textureCatalogue, 0, List.of(-3.0, 0.0, 3.0), null))
                .run();
        assertThat(r.cells()).isEqualTo(6);
        assertThat(r.grids()).hasSize(1);
        DirectionCatalogue catalogue = DirectionCatalogue.read(f.spark, textureCatalogue.toUri().toString());
        DirectionCatalogue.Direction direction = catalogue.direction(0);
        Row any = f.generated(out).get(0);
        assertThat(any.getString(1)).isEqualTo("edit");
        assertThat(any.getString(2)).contains("\"catalogue\":\"" + catalogue.id() + "\"")
                .contains("\"space\":\"texture\"").contains("\"component\":0")
                .contains("\"sigma\":" + direction.sigma()).contains("\"region\":null");
        try (SwappingAutoencoder model = MixFixture.model()) {
            for (String id : rows) {
                RgbImage reconstruction = f.direct(model, id, id);
                assertThat(maxDifference(cell(out, id, 0.0), reconstruction)).isLessThanOrEqualTo(1);
                RgbImage moved = MixFixture.decode(model, f.structure(id), f.shape(id),
                        DirectionEdits.along(f.texture(id), direction.vector(), 3 * direction.sigma()),
                        CellRequests.noiseId(id));
                assertThat(maxDifference(cell(out, id, 3.0), moved)).isLessThanOrEqualTo(1);
                assertThat(maxDifference(moved, reconstruction)).as("the edit changes the picture").isGreaterThan(1);
            }
        }
        assertThat(new MixJob(f.spark, edit(out, rows, textureCatalogue, 0, List.of(-3.0, 0.0, 3.0), null)).run()
                .written()).isZero();
    }

    @Test
    void aStructureLocalEditInARegionMovesOnlyTheCodeCellsInside() throws Exception {
        String id = ids.get(0);
        int[] shape = f.shape(id);
        EditOptions.Region region = new EditOptions.Region(1, 0, 3, 2);
        DirectionCatalogue catalogue = DirectionCatalogue.read(f.spark, localCatalogue.toUri().toString());
        EditOptions options = new EditOptions(localCatalogue.toUri().toString(), 0, List.of(3.0), region);
        MixOptions mix = edit(dir.resolve("unused"), List.of(id), localCatalogue, 0, List.of(3.0), region);
        MixSource source = new MixSource(id, null, f.model(id), null, f.structure(id), shape, f.texture(id));
        ImageRequest cell = new EditGrid(catalogue, options, f.model(id), new CellRequests(mix, f.model(id)))
                .cells(List.of(id), Map.of(id, source)).get(0).get(0);

        float[] before = f.structure(id);
        float[] after = cell.structure();
        double[] direction = catalogue.direction(0).vector();
        double amount = 3 * catalogue.direction(0).sigma();
        int plane = shape[1] * shape[2];
        for (int c = 0; c < shape[0]; c++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    int i = c * plane + y * shape[2] + x;
                    boolean inside = x >= 1 && x < 3 && y < 2;
                    float expected = inside ? (float) (before[i] + amount * direction[c]) : before[i];
                    assertThat(after[i]).as("channel %d at (%d, %d)", c, x, y).isEqualTo(expected);
                }
            }
        }
        assertThat(cell.texture()).containsExactly(f.texture(id));
        assertThat(cell.params()).contains("\"space\":\"structure-local\"").contains("\"region\":[1,0,3,2]");
    }

    @Test
    void aRegionEditedByTheJobIsTheDecodeOfTheMaskedEdit(@TempDir Path out) throws Exception {
        String id = ids.get(1);
        EditOptions.Region region = new EditOptions.Region(0, 0, 2, 2);
        new MixJob(f.spark, edit(out, List.of(id), localCatalogue, 0, List.of(-3.0), region)).run();
        DirectionCatalogue catalogue = DirectionCatalogue.read(f.spark, localCatalogue.toUri().toString());
        float[] moved = DirectionEdits.alongEachLocation(f.structure(id), f.shape(id),
                catalogue.direction(0).vector(), -3 * catalogue.direction(0).sigma(), region.mask(f.shape(id)));
        try (SwappingAutoencoder model = MixFixture.model()) {
            RgbImage direct = MixFixture.decode(model, moved, f.shape(id), f.texture(id), CellRequests.noiseId(id));
            assertThat(maxDifference(cell(out, id, -3.0), direct)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aCatalogueOfAnotherModelIsRefusedNamingBothModels(@TempDir Path out) throws Exception {
        Path other = dir.resolve("other.safetensors");
        SafetensorsWriter.write(ModelWeights.of(EncodeDataset.SMALL, EncodeDataset.RESIZE_128,
                RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED + 1), Map.of()), other);
        Path otherRoot = dir.resolve("other-root");
        f.encode(otherRoot, other);
        Path foreign = catalogue(otherRoot, dir.resolve("foreign"), CodeSpace.TEXTURE);
        String foreignModel = DirectionCatalogue.read(f.spark, foreign.toUri().toString()).model();
        assertThat(foreignModel).isNotEqualTo(f.model(ids.get(0)));
        assertThatThrownBy(() -> new MixJob(f.spark, edit(out, List.of(ids.get(0)), foreign, 0, List.of(1.0), null))
                .run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(foreignModel).hasMessageContaining(f.model(ids.get(0)));
        assertThat(Files.exists(out.resolve("generated"))).isFalse();
    }

    @Test
    void aComponentTheCatalogueDoesNotKeepAndARegionOfATextureEditAreRefused(@TempDir Path out) {
        assertThatThrownBy(() -> new MixJob(f.spark, edit(out, List.of(ids.get(0)), textureCatalogue, 5,
                List.of(1.0), null)).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--component 5").hasMessageContaining("keeps components 0..1");
        assertThatThrownBy(() -> new MixJob(f.spark, edit(out, List.of(ids.get(0)), textureCatalogue, 0,
                List.of(1.0), new EditOptions.Region(0, 0, 1, 1))).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--region")
                .hasMessageContaining("texture catalogue");
        assertThatThrownBy(() -> new MixJob(f.spark, edit(out, List.of(ids.get(0)), localCatalogue, 0,
                List.of(1.0), new EditOptions.Region(0, 0, 1, 999))).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--region 0,0,1,999 does not fit");
        assertThat(Files.exists(out.resolve("generated"))).isFalse();
    }
}
