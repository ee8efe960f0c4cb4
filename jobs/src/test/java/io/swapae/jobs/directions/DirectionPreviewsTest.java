package io.swapae.jobs.directions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.RandomWeights;
import io.swapae.runtime.RuntimeOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectionPreviewsTest {

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path checkpoint;
    static Path codes;

    /** 40 random codes in the small test model's shapes (structure 8×8×8, texture 64), recorded as made by it. */
    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
        String fingerprint = EncodeModel.of(checkpoint, null, RuntimeOptions.DEFAULT).fingerprint();
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(PlantedCodes.code("code" + i, fingerprint, gaussian(random, 8 * 8 * 8), new int[] {8, 8, 8},
                    gaussian(random, 64)));
        }
        codes = dir.resolve("codes");
        PlantedCodes.write(spark, codes, "r1", rows);
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static DirectionsOptions options(Path out, CodeSpace space) {
        return DirectionsOptions.of(codes.toUri().toString(), out.toUri().toString(), space).withComponents(3, 2)
                .withModel(checkpoint.toString());
    }

    @Test
    void previewStripsAreWrittenAndTheIndexShowsThem() throws Exception {
        Path cat = dir.resolve("texture");
        DirectionsSummary r = new DirectionsJob(spark, options(cat, CodeSpace.TEXTURE)).run();

        assertThat(r.previews()).containsExactly("previews/component-000.png", "previews/component-001.png");
        int steps = PreviewRenderer.STEPS.length;
        for (String file : r.previews()) {
            BufferedImage strip = ImageIO.read(cat.resolve(file).toFile());
            assertThat(strip.getWidth()).isEqualTo(2 + steps * (128 + 2));
            assertThat(strip.getHeight()).isEqualTo(2 + DirectionsOptions.DEFAULT_PREVIEW_CODES * (128 + 2));
            int left = strip.getRGB(2 + 64, 2 + 64);
            int right = strip.getRGB(2 + (steps - 1) * 130 + 64, 2 + 64);
            assertThat(left).as("the strip changes along the direction").isNotEqualTo(right);
        }
        assertThat(Files.exists(cat.resolve("previews/component-002.png"))).isFalse();
        String index = Files.readString(cat.resolve(CatalogueFiles.INDEX));
        assertThat(index).contains("<img src=\"previews/component-000.png\"")
                .contains("<img src=\"previews/component-001.png\"").contains("<svg").contains("<rect class=\"bar\"")
                .contains(r.catalogue().id());
        assertThat(Files.readString(cat.resolve(CatalogueFiles.JSON)))
                .contains("\"file\" : \"previews/component-001.png\"");
    }

    @Test
    void perLocationStructurePreviewsAreDecodedToo() throws Exception {
        Path cat = dir.resolve("local");
        DirectionsSummary r = new DirectionsJob(spark, options(cat, CodeSpace.STRUCTURE_LOCAL)).run();
        assertThat(r.catalogue().vectors()).isEqualTo(40 * 64);
        assertThat(r.previews()).hasSize(2);
        assertThat(ImageIO.read(cat.resolve(r.previews().get(0)).toFile())).isNotNull();
    }

    @Test
    void previewsNeedTheModelThatMadeTheCodes() throws Exception {
        Path other = dir.resolve("other.safetensors");
        SafetensorsWriter.write(ModelWeights.of(EncodeDataset.SMALL, EncodeDataset.RESIZE_128,
                RandomWeights.of(EncodeDataset.SMALL, 99), Map.of()), other);
        assertThatThrownBy(() -> new DirectionsJob(spark, options(dir.resolve("wrong"), CodeSpace.TEXTURE)
                .withModel(other.toString())).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the codes were made by model sha256:").hasMessageContaining("--previews 0");
        assertThatThrownBy(() -> new DirectionsJob(spark, options(dir.resolve("none"), CodeSpace.TEXTURE)
                .withModel(null)).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the embedded default").hasMessageContaining("--model");
        DirectionsSummary without = new DirectionsJob(spark, options(dir.resolve("none"), CodeSpace.TEXTURE)
                .withModel(null).withComponents(3, 0)).run();
        assertThat(without.previews()).isEmpty();
        assertThat(Files.exists(dir.resolve("none/previews"))).isFalse();
        assertThat(Files.readString(dir.resolve("none/index.html"))).doesNotContain("<img");
    }
}
