package io.swapae.jobs.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.directions.CodeSpace;
import io.swapae.jobs.directions.DirectionCatalogue;
import io.swapae.jobs.directions.DirectionsJob;
import io.swapae.jobs.directions.DirectionsOptions;
import io.swapae.jobs.encode.EncodeJob;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.EncodeOptions;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.generate.GeneratedTable;
import io.swapae.jobs.generate.ImageOutput;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.jobs.testing.CliRun;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.latent.DirectionEdits;
import io.swapae.latent.StructureBlend;
import io.swapae.model.Noise;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMAGES = 4;
    private static final int PER_IMAGE = 3;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path checkpoint;
    static Path root;
    static Path catalogue;
    static SwappingAutoencoder model;
    /** The codes of the encoded images by content id: id, structure, structure shape, texture. */
    static Map<String, Row> codes;
    /** The first augmentation of the codes: swap, edit and blend, three variants each. */
    static Path first;
    static AugmentSummary firstRun;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        EncodeDataset.images(dir.resolve("images"), IMAGES);
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
        root = dir.resolve("root");
        encode(root, checkpoint);
        codes = new TreeMap<>();
        for (Row r : TableCommits.readCommitted(spark, uri(root.resolve("codes")), Tables.CODES)
                .select("id", "structure", "structure_shape", "texture").collectAsList()) {
            codes.put(r.getString(0), r);
        }
        catalogue = dir.resolve("texture-directions");
        new DirectionsJob(spark, DirectionsOptions.of(uri(root.resolve("codes")), uri(catalogue), CodeSpace.TEXTURE)
                .withComponents(2, 0)).run();
        model = SwappingAutoencoder.create(EncodeDataset.SMALL, RandomWeights.of(EncodeDataset.SMALL,
                EncodeDataset.SEED));
        first = dir.resolve("first");
        firstRun = new AugmentJob(spark, options(first)).run();
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static void encode(Path output, Path weights) throws Exception {
        EncodeOptions options = new EncodeOptions(List.of(uri(dir.resolve("images"))), uri(output),
                weights.toString(), null, 4, 3, false, EncodeOptions.DEFAULT_MAX_PIXELS, null, null);
        new EncodeJob(spark, options, EncodeModel.of(weights, null, RuntimeOptions.DEFAULT)).run();
    }

    private static String uri(Path path) {
        return path.toUri().toString();
    }

    private static AugmentOptions options(Path out) {
        return new AugmentOptions(uri(root.resolve("codes")), uri(out), PER_IMAGE,
                List.of(AugmentOp.SWAP, AugmentOp.EDIT, AugmentOp.BLEND), uri(catalogue), 2.5, 2,
                AugmentOptions.DEFAULT_DONORS, 0, null, checkpoint.toString(), 8, "auto", 0, ImageOutput.PNG_FILES);
    }

    private static List<Row> generated(Path out) {
        return GeneratedTable.read(spark, uri(out)).collectAsList();
    }

    private static List<Row> ofOp(List<Row> rows, String op) {
        List<Row> chosen = rows.stream().filter(r -> r.<String>getAs("op").equals(op)).toList();
        assertThat(chosen).as("variants made by " + op).isNotEmpty();
        return chosen;
    }

    private static JsonNode params(Row row) throws Exception {
        return JSON.readTree(row.<String>getAs("params"));
    }

    private static RgbImage read(Row row) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(Path.of(java.net.URI.create(row.getAs("uri")))));
    }

    /** The picture of {@code structure} and {@code texture} as the job decodes it, with the noise of picture id. */
    private static RgbImage direct(float[] structure, int[] shape, float[] texture, String pictureId) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray s = m.create(structure, new Shape(1, shape[0], shape[1], shape[2]));
            NDArray t = m.create(texture, new Shape(1, texture.length));
            NDArray image = model.generate(s, t, Noise.seeded(0, VariantPlanner.noiseId(pictureId)));
            return ImageTensors.fromChw(image.toFloatArray(), 0, (int) image.getShape().get(3),
                    (int) image.getShape().get(2));
        }
    }

    private static float[] structure(String id) {
        return VariantPlanner.floats(codes.get(id).getList(1));
    }

    private static int[] shape(String id) {
        return codes.get(id).<Integer>getList(2).stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] texture(String id) {
        return VariantPlanner.floats(codes.get(id).getList(3));
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        assertThat(a.size()).isEqualTo(b.size());
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }

    private static List<Path> pictures(Path out) throws Exception {
        Path folder = out.resolve("images/augment");
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".png")).toList();
        }
    }

    @Test
    void everyCodeGetsItsVariantsAsOnePictureAndOneRowEach() throws Exception {
        assertThat(firstRun.codes()).isEqualTo(IMAGES);
        assertThat(firstRun.variants()).isEqualTo(IMAGES * PER_IMAGE);
        assertThat(firstRun.written()).isEqualTo(IMAGES * PER_IMAGE);
        assertThat(firstRun.skipped()).isZero();
        List<Row> rows = generated(first);
        assertThat(rows).hasSize(IMAGES * PER_IMAGE);
        assertThat(pictures(first)).hasSize(IMAGES * PER_IMAGE);
        Map<String, Set<Integer>> variantsBySource = new HashMap<>();
        for (Row row : rows) {
            JsonNode p = params(row);
            assertThat(p.get("op").asText()).isEqualTo(row.<String>getAs("op"));
            assertThat(row.<String>getList(3).get(0)).isEqualTo(p.get("source").asText());
            assertThat(p.get("seed").asLong()).isZero();
            assertThat(row.<String>getAs("uri")).endsWith("/images/augment/" + row.getAs("id") + ".png");
            variantsBySource.computeIfAbsent(p.get("source").asText(), s -> new HashSet<>())
                    .add(p.get("variant").asInt());
        }
        assertThat(variantsBySource).hasSize(IMAGES).allSatisfy((source, variants) ->
                assertThat(variants).containsExactlyInAnyOrder(0, 1, 2));
        assertThat(Files.readString(first.resolve(firstRun.gallery()))).contains("<figure>");
    }

    @Test
    void aRerunAddsNothing() throws Exception {
        AugmentSummary again = new AugmentJob(spark, options(first)).run();
        assertThat(again.written()).isZero();
        assertThat(again.skipped()).isEqualTo(IMAGES * PER_IMAGE);
        assertThat(again.run()).isNull();
        assertThat(generated(first)).hasSize(IMAGES * PER_IMAGE);
        assertThat(TableCommits.committedRuns(spark, GeneratedTable.under(uri(first)))).hasSize(1);
        assertThat(Files.readString(first.resolve("_run.json"))).contains("\"command\" : \"augment\"")
                .contains("\"written\" : 0").contains("\"skipped\" : 12");
    }

    @Test
    void theSameSeedGivesTheSamePicturesOnAnotherRootWithAnotherPartitioning() throws Exception {
        Path second = dir.resolve("second");
        AugmentSummary r = new AugmentJob(spark, options(second).withOutput(uri(second), 3)).run();
        assertThat(r.run()).isEqualTo(firstRun.run());
        Map<String, Row> before = new HashMap<>();
        for (Row row : generated(first)) {
            before.put(row.getAs("id"), row);
        }
        List<Row> after = generated(second);
        assertThat(after).hasSize(before.size());
        for (Row row : after) {
            Row same = before.get(row.<String>getAs("id"));
            assertThat(same).as("picture %s is in both roots", row.<String>getAs("id")).isNotNull();
            assertThat(row.<String>getAs("params")).isEqualTo(same.getAs("params"));
            assertThat(read(row).pixels()).isEqualTo(read(same).pixels());
        }
    }

    @Test
    void aSwapVariantIsTheSourceStructureWithTheDonorTexture() throws Exception {
        for (Row row : ofOp(generated(first), "swap")) {
            JsonNode p = params(row);
            String source = p.get("source").asText();
            String donor = p.get("donor").asText();
            assertThat(donor).isNotEqualTo(source);
            assertThat(row.<String>getList(4)).containsExactly(donor);
            assertThat(maxDifference(read(row), direct(structure(source), shape(source), texture(donor),
                    row.getAs("id")))).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void anEditVariantMovesTheCodeByItsRecordedStrength() throws Exception {
        DirectionCatalogue directions = DirectionCatalogue.read(spark, uri(catalogue));
        for (Row row : ofOp(generated(first), "edit")) {
            JsonNode p = params(row);
            String source = p.get("source").asText();
            DirectionCatalogue.Direction d = directions.direction(p.get("component").asInt());
            assertThat(p.get("catalogue").asText()).isEqualTo(directions.id());
            assertThat(p.get("component").asInt()).isBetween(0, 1);
            assertThat(Math.abs(p.get("strength_sigma").asDouble())).isLessThanOrEqualTo(2.5);
            assertThat(p.get("strength").asDouble()).isEqualTo(p.get("strength_sigma").asDouble() * d.sigma());
            float[] moved = DirectionEdits.along(texture(source), d.vector(), p.get("strength").asDouble());
            assertThat(maxDifference(read(row), direct(structure(source), shape(source), moved, row.getAs("id"))))
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aBlendVariantMixesTwoStructuresByItsRecordedMask() throws Exception {
        for (Row row : ofOp(generated(first), "blend")) {
            JsonNode p = params(row);
            String source = p.get("source").asText();
            String donor = p.get("donor").asText();
            assertThat(row.<String>getList(3)).containsExactly(source, donor);
            assertThat(row.<String>getList(4)).containsExactly(source);
            JsonNode m = p.get("mask");
            int[] shape = shape(source);
            double[] donorWeights = new HalfPlaneMask(m.get("angle_degrees").asDouble(),
                    m.get("offset_cells").asDouble(), m.get("softness_cells").asDouble())
                    .donorWeights(shape[1], shape[2]);
            double[] sourceWeights = new double[donorWeights.length];
            for (int i = 0; i < donorWeights.length; i++) {
                sourceWeights[i] = 1 - donorWeights[i];
            }
            float[] blended = StructureBlend.byMask(List.of(structure(source), structure(donor)), shape,
                    List.of(sourceWeights, donorWeights));
            RgbImage picture = read(row);
            assertThat(picture.width()).as("the picture keeps its size").isEqualTo(128);
            assertThat(maxDifference(picture, direct(blended, shape, texture(source), row.getAs("id"))))
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    void moreVariantsPerCodeMakeOnlyTheNewOnes(@TempDir Path out) throws Exception {
        AugmentOptions one = AugmentOptions.of(uri(root.resolve("codes")), uri(out), 1, List.of(AugmentOp.SWAP))
                .withModel(checkpoint.toString());
        assertThat(new AugmentJob(spark, one).run().written()).isEqualTo(IMAGES);
        AugmentOptions two = new AugmentOptions(one.codes(), one.output(), 2, one.ops(), null, one.maxSigma(), 0,
                one.donors(), 0, null, one.model(), 8, "auto", 0, ImageOutput.PNG_FILES);
        AugmentSummary r = new AugmentJob(spark, two).run();
        assertThat(r.written()).as("variant 1 of each code").isEqualTo(IMAGES);
        assertThat(r.skipped()).as("variant 0, committed by the first run").isEqualTo(IMAGES);
        List<Row> rows = generated(out);
        assertThat(rows).hasSize(2 * IMAGES);
        assertThat(rows.stream().map(row -> row.<String>getAs("id")).distinct()).hasSize(2 * IMAGES);
        assertThat(TableCommits.committedRuns(spark, GeneratedTable.under(uri(out)))).hasSize(2);
    }

    @Test
    void codesNoOperationAppliesToAreRefusedUpFront(@TempDir Path out) {
        String only = codes.keySet().iterator().next();
        AugmentOptions alone = AugmentOptions.of(uri(root.resolve("codes")), uri(out), 1,
                List.of(AugmentOp.SWAP, AugmentOp.BLEND)).withModel(checkpoint.toString())
                .withFilter("id = '" + only + "'");
        assertThatThrownBy(() -> new AugmentJob(spark, alone).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no operation of --ops swap,blend applies to 1 codes of structure shape"
                        + " [8, 8, 8]").hasMessageContaining("swap needs 2 codes in the donor pool");
        assertThatThrownBy(() -> new AugmentJob(spark, alone.withFilter("width < 0")).run())
                .hasMessageContaining("no codes to augment: no code of").hasMessageContaining("width < 0");
        assertThatThrownBy(() -> new AugmentJob(spark, alone.withFilter("colour = 'blue'")).run())
                .hasMessageContaining("--filter 'colour = 'blue'' is not a condition on the codes table");
        assertThat(Files.exists(out.resolve("generated"))).isFalse();
    }

    @Test
    void aRunThatFailedMidwayIsReplacedByItsRerun() throws Exception {
        Path out = dir.resolve("interrupted");
        Path partial = Files.createDirectories(out.resolve("generated/run=" + firstRun.run()));
        Files.writeString(partial.resolve("part-00000-left-over.parquet"), "not parquet: a killed task's file");
        AugmentSummary r = new AugmentJob(spark, options(out)).run();
        assertThat(r.written()).isEqualTo(IMAGES * PER_IMAGE);
        assertThat(Files.exists(partial.resolve("part-00000-left-over.parquet"))).isFalse();
        assertThat(generated(out)).hasSize(IMAGES * PER_IMAGE);
    }

    @Test
    void parquetStoreKeepsThePicturesInTheTableAndWritesNoFiles(@TempDir Path out) throws Exception {
        AugmentSummary r = new AugmentJob(spark, AugmentOptions.of(uri(root.resolve("codes")), uri(out), 1,
                List.of(AugmentOp.SWAP)).withModel(checkpoint.toString())
                .withImages(ImageOutput.of("png", 95, "parquet"))).run();
        assertThat(r.written()).isEqualTo(IMAGES);
        List<Row> rows = generated(out);
        assertThat(rows).hasSize(IMAGES);
        for (Row row : rows) {
            assertThat(row.<String>getAs("uri")).isNull();
            assertThat(row.<String>getAs("format")).isEqualTo("png");
            RgbImage picture = new ImageDecoder().decode(row.<byte[]>getAs("image"));
            JsonNode p = params(row);
            assertThat(maxDifference(picture, direct(structure(p.get("source").asText()),
                    shape(p.get("source").asText()), texture(p.get("donor").asText()), row.getAs("id"))))
                    .isLessThanOrEqualTo(1);
        }
        assertThat(pictures(out)).isEmpty();
    }

    @Test
    void codesOfSeveralModelsAreRefusedAndAFilterChoosesOne(@TempDir Path out) throws Exception {
        Path other = otherModel();
        Path mixed = dir.resolve("mixed");
        encode(mixed, checkpoint);
        encode(mixed, other);
        AugmentOptions options = AugmentOptions.of(uri(mixed.resolve("codes")), uri(out), 1, List.of(AugmentOp.SWAP))
                .withModel(checkpoint.toString());
        assertThatThrownBy(() -> new AugmentJob(spark, options).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("come from 2 models").hasMessageContaining("sha256:")
                .hasMessageContaining("--filter \"model = '");
        assertThat(Files.exists(out.resolve("generated"))).isFalse();

        String fingerprint = EncodeModel.of(checkpoint, null, RuntimeOptions.DEFAULT).fingerprint();
        AugmentSummary r = new AugmentJob(spark, options.withFilter("model = '" + fingerprint + "'")).run();
        assertThat(r.written()).isEqualTo(IMAGES);
    }

    @Test
    void aCatalogueOfAnotherModelIsRefused(@TempDir Path out) throws Exception {
        Path otherRoot = dir.resolve("other-root");
        encode(otherRoot, otherModel());
        Path otherCatalogue = dir.resolve("other-directions");
        new DirectionsJob(spark, DirectionsOptions.of(uri(otherRoot.resolve("codes")), uri(otherCatalogue),
                CodeSpace.TEXTURE).withComponents(2, 0)).run();
        AugmentOptions options = options(out).withCatalogue(uri(otherCatalogue), 2, 3);
        assertThatThrownBy(() -> new AugmentJob(spark, options).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was fitted on codes of model").hasMessageContaining("give a catalogue of their"
                        + " model");
        assertThat(Files.exists(out.resolve("generated"))).isFalse();
    }

    @Test
    void aCatalogueKeepingFewerComponentsIsRefused(@TempDir Path out) {
        AugmentOptions options = options(out).withCatalogue(uri(catalogue), 5, 3);
        assertThatThrownBy(() -> new AugmentJob(spark, options).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--components 5").hasMessageContaining("keeps 2 components");
    }

    @Test
    void theCommandLineRunsTheJobAndPrintsWhatItDid(@TempDir Path out) {
        CliRun r = CliRun.of("augment", "--codes", uri(root.resolve("codes")), "--output", uri(out),
                "--per-image", "1", "--ops", "blend", "--model", checkpoint.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("augment: 4 codes, 4 variants (4 written, 0 already there)")
                .contains("gallery: ");
    }

    @Test
    void theCommandLineRefusesAnEditWithoutCatalogue(@TempDir Path out) {
        CliRun r = CliRun.of("augment", "--codes", uri(root.resolve("codes")), "--output", uri(out), "--ops",
                "swap,edit");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("swapae augment: --ops swap,edit includes edit, which needs --catalogue");
    }

    private static Path otherModel() throws Exception {
        Path other = dir.resolve("other.safetensors");
        if (!Files.exists(other)) {
            SafetensorsWriter.write(ModelWeights.of(EncodeDataset.SMALL, EncodeDataset.RESIZE_128,
                    RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED + 1), Map.of()), other);
        }
        return other;
    }
}
