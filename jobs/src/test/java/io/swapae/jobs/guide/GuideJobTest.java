package io.swapae.jobs.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.guidance.GuidanceRegion;
import io.swapae.guidance.GuidanceSettings;
import io.swapae.guidance.GuidanceTarget;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeJob;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.EncodeOptions;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.generate.GeneratedTable;
import io.swapae.jobs.generate.ImageOutput;
import io.swapae.jobs.models.ModelStore;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.Noise;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.RuntimeOptions;
import java.io.InputStream;
import java.net.URI;
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

/** The guide job on two encoded pictures with the tiny random CLIP and a small random model, in local[2]. */
class GuideJobTest {

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path checkpoint;
    static Path root;
    static Path clip;
    static Map<String, Row> codes;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        EncodeDataset.images(dir.resolve("images"), 2);
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
        root = dir.resolve("root");
        EncodeOptions options = new EncodeOptions(List.of(dir.resolve("images").toUri().toString()),
                root.toUri().toString(), checkpoint.toString(), null, 4, 3, false, EncodeOptions.DEFAULT_MAX_PIXELS,
                null, null);
        new EncodeJob(spark, options, EncodeModel.of(checkpoint, null, RuntimeOptions.DEFAULT)).run();
        codes = new TreeMap<>();
        for (Row r : TableCommits.readCommitted(spark, root.resolve("codes").toUri().toString(), Tables.CODES)
                .select("id", "structure", "structure_shape", "texture").collectAsList()) {
            codes.put(r.getString(0), r);
        }
        clip = clipFolder(dir.resolve("clip"));
    }

    /** The tiny CLIP of the test resources in a folder of open_clip's layout. */
    static Path clipFolder(Path folder) throws Exception {
        Files.createDirectories(folder);
        for (String name : List.of(ClipFiles.CONFIG, ClipFiles.WEIGHTS)) {
            try (InputStream in = GuideJobTest.class.getResourceAsStream("/clip/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
        return folder;
    }

    private static GuideOptions options(Path out, int steps, int stripEvery, int batchSize) {
        GuidanceSettings settings = new GuidanceSettings(GuidanceTarget.BOTH, steps, 0.02, 0.1, 2, 0.7, 5,
                stripEvery, null);
        return GuideOptions.of(root.resolve("codes").toUri().toString(), out.toUri().toString(),
                List.of("a red house", "a green field"), GuidanceTarget.BOTH, clip.toString())
                .withGuidance(settings).withRun(checkpoint.toString(), 5, batchSize);
    }

    private static GuideSummary run(GuideOptions options) throws Exception {
        return new GuideJob(spark, options, ModelStore.at(dir.resolve("models"))).run();
    }

    private static Map<String, Row> guided(Path out) {
        Map<String, Row> rows = new TreeMap<>();
        for (Row r : GuidedTable.read(spark, out.toUri().toString()).collectAsList()) {
            rows.put(r.getString(1) + "/" + r.getString(2), r);
        }
        return rows;
    }

    private static List<Row> generated(Path out, String op) {
        return TableCommits.readCommitted(spark, out.resolve("generated").toUri().toString(), GeneratedTable.SCHEMA)
                .where("op = '" + op + "'").collectAsList();
    }

    @Test
    void twoCodesTimesTwoPromptsGiveFourRowsAndPicturesAndARerunAddsNothing(@TempDir Path out) throws Exception {
        GuideSummary first = run(options(out, 2, 0, 2));
        assertThat(first.pairs()).isEqualTo(4);
        assertThat(first.guided()).isEqualTo(4);
        assertThat(first.pictures()).isEqualTo(4);
        Map<String, Row> rows = guided(out);
        assertThat(rows).hasSize(4);
        for (Row r : rows.values()) {
            assertThat(r.getList(5)).as("loss curve").hasSize(3);
            assertThat(r.getString(3)).isEqualTo("both");
            assertThat(r.getString(13)).startsWith("sha256:");
        }
        List<Row> pictures = generated(out, GuideJob.OP);
        assertThat(pictures).hasSize(4);
        for (Row p : pictures) {
            assertThat(Files.exists(Path.of(URI.create(p.getString(5))))).isTrue();
        }
        assertThat(Files.exists(out.resolve("index.html"))).isTrue();
        assertThat(Files.readString(out.resolve("_run.json"))).contains("\"guided\" : 4");

        GuideSummary again = run(options(out, 2, 0, 2));
        assertThat(again.guided()).isZero();
        assertThat(again.skipped()).isEqualTo(4);
        assertThat(again.pictures()).isZero();
        assertThat(again.run()).isNull();
        assertThat(guided(out)).hasSize(4);
        assertThat(generated(out, GuideJob.OP)).hasSize(4);
    }

    @Test
    void zeroStepsGiveTheOriginalPicture(@TempDir Path out) throws Exception {
        run(options(out, 0, 0, 2));
        try (SwappingAutoencoder model = SwappingAutoencoder.create(EncodeDataset.SMALL,
                RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED))) {
            for (Row p : generated(out, GuideJob.OP)) {
                String source = p.<String>getList(3).get(0);
                RgbImage written = new ImageDecoder().decode(Files.readAllBytes(Path.of(URI.create(p.getString(5)))));
                assertThat(maxDifference(written, direct(model, source, 5))).isZero();
            }
        }
        for (Row r : guided(out).values()) {
            Row source = codes.get(r.getString(1));
            assertThat(r.<Float>getList(9)).isEqualTo(source.<Float>getList(3));
            assertThat(r.<Float>getList(7)).isEqualTo(source.<Float>getList(1));
        }
    }

    @Test
    void theSameSeedGivesTheSameCodesOnOneOrTwoPartitions(@TempDir Path out) throws Exception {
        Path one = out.resolve("one");
        Path two = out.resolve("two");
        run(options(one, 2, 1, 4));
        GuideSummary split = run(options(two, 2, 1, 1));
        Map<String, Row> a = guided(one);
        Map<String, Row> b = guided(two);
        assertThat(a.keySet()).isEqualTo(b.keySet()).hasSize(4);
        for (String key : a.keySet()) {
            assertThat(a.get(key).getString(0)).isEqualTo(b.get(key).getString(0));
            assertThat(maxDifference(a.get(key).getList(9), b.get(key).getList(9))).as(key).isLessThan(1e-4);
            assertThat(maxDifference(a.get(key).getList(7), b.get(key).getList(7))).as(key).isLessThan(1e-4);
        }
        assertThat(split.strips()).hasSize(4);
        RgbImage strip = new ImageDecoder().decode(Files.readAllBytes(Path.of(URI.create(split.strips().get(0)))));
        RgbImage picture = new ImageDecoder().decode(Files.readAllBytes(Path.of(URI.create(
                generated(two, GuideJob.OP).get(0).getString(5)))));
        assertThat(strip.width()).as("frames of steps 0, 1, 2 side by side").isEqualTo(3 * picture.width());
        assertThat(generated(two, GuideJob.STEP_OP)).hasSize(12);
    }

    @Test
    void anImagePromptWithANegativeTextGuidesTheStructureInARegion(@TempDir Path out) throws Exception {
        Path picture = Files.write(out.resolve("prompt.png"), EncodeDataset.picture(96, 64, 7, "png"));
        GuidanceSettings settings = new GuidanceSettings(GuidanceTarget.STRUCTURE, 2, 0.05, 0.1, 2, 0.7, 5, 0,
                GuidanceRegion.parse("0,0,0.5,1"));
        GuideOptions options = new GuideOptions(root.resolve("codes").toUri().toString(), out.toUri().toString(),
                List.of(), picture.toString(), "a blurry photo", settings, clip.toString(), List.of(), 1,
                checkpoint.toString(), 5, 2, "auto", ImageOutput.PNG_FILES);
        GuideSummary r = run(options);
        assertThat(r.pairs()).isEqualTo(1);
        Row row = guided(out).values().iterator().next();
        assertThat(row.getString(2)).startsWith("image:prompt.png:");
        assertThat(row.getString(4)).contains("\"negative\":\"a blurry photo\"").contains("\"region\":\"0.0,0.0,0.5,1.0\"");
        Row source = codes.get(row.getString(1));
        assertThat(row.<Float>getList(9)).as("texture untouched").isEqualTo(source.<Float>getList(3));
        List<Integer> shape = source.getList(2);
        List<Float> before = source.getList(1);
        List<Float> after = row.getList(7);
        int plane = shape.get(1) * shape.get(2);
        int changedLeft = 0;
        for (int i = 0; i < before.size(); i++) {
            int x = (i % plane) % shape.get(2);
            if (x >= shape.get(2) / 2) {
                assertThat(after.get(i)).as("right half, value " + i).isEqualTo(before.get(i));
            } else if (!after.get(i).equals(before.get(i))) {
                changedLeft++;
            }
        }
        assertThat(changedLeft).isPositive();
    }

    @Test
    void codesOfAnotherModelAreRefused(@TempDir Path out) {
        GuideOptions embedded = options(out, 1, 0, 2).withRun(null, 5, 2);
        assertThatThrownBy(() -> run(embedded)).hasMessageContaining("not the embedded default");
    }

    private static RgbImage direct(SwappingAutoencoder model, String sourceId, long seed) {
        Row s = codes.get(sourceId);
        List<Integer> shape = s.getList(2);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray structure = m.create(floats(s.getList(1)), new Shape(1, shape.get(0), shape.get(1), shape.get(2)));
            NDArray texture = m.create(floats(s.getList(3)), new Shape(1, s.getList(3).size()));
            NDArray image = model.generate(structure, texture, Noise.seeded(seed, GuideJob.noiseId(sourceId)));
            return ImageTensors.fromChw(image.toFloatArray(), 0, (int) image.getShape().get(3),
                    (int) image.getShape().get(2));
        }
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static double maxDifference(List<Float> a, List<Float> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
        }
        return max;
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        assertThat(a.size()).isEqualTo(b.size());
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }
}
