package io.swapae.jobs.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.Preprocess;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeJob;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.EncodeOptions;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.Codes;
import io.swapae.model.Noise;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.RuntimeOptions;
import io.swapae.video.FrameFolderWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * What the sequence tests share, made once per test JVM: three pictures encoded by the encode job with the small
 * random test model (a three-frame "clip" in the natural order of their names), and direct decodes and encodes with
 * the same model to check frames against.
 */
final class SequenceFixture {

    private static SequenceFixture instance;

    final SparkSession spark;
    final Path dir;
    final Path checkpoint;
    final String codes;
    /** The codes in the natural order of their source names. */
    final List<SourceCode> clip;

    private SequenceFixture(Path dir) throws IOException {
        this.spark = TestSpark.session();
        this.dir = dir;
        EncodeDataset.images(dir.resolve("images"), 3);
        this.checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
        this.codes = encode(checkpoint, dir.resolve("images"), dir.resolve("root"));
        this.clip = new CodesTable(spark, codes, "--codes").inPlayingOrder();
    }

    static synchronized SequenceFixture get() throws IOException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("swapae-sequences-test");
            dir.toFile().deleteOnExit();
            instance = new SequenceFixture(dir);
        }
        return instance;
    }

    /** A codes table and the checkpoint that made it. */
    record Encoded(String codes, Path checkpoint) {
    }

    /**
     * The fixture's pictures encoded by the encode job with the test model's weights recorded with another
     * preprocessing, under {@code dir}.
     */
    Encoded encodedWith(Preprocess preprocess, Path dir) throws IOException {
        Path model = dir.resolve("model.safetensors");
        SafetensorsWriter.write(ModelWeights.of(EncodeDataset.SMALL, preprocess,
                RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED), Map.of()), model);
        return new Encoded(encode(model, this.dir.resolve("images"), dir.resolve("root")), model);
    }

    /** A clip of {@code frames} pictures unlike the fixture's, encoded with the test model; returns its codes. */
    String otherClip(Path dir, int frames) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < frames; i++) {
            Files.write(images.resolve("other" + i + ".png"), EncodeDataset.picture(128, 128, 20 + i, "png"));
        }
        return encode(checkpoint, images, dir.resolve("root"));
    }

    /** The pictures under {@code images} encoded by the encode job with {@code model} into {@code root}. */
    private String encode(Path model, Path images, Path root) throws IOException {
        EncodeOptions options = new EncodeOptions(List.of(images.toUri().toString()), root.toUri().toString(),
                model.toString(), null, 4, 3, false, EncodeOptions.DEFAULT_MAX_PIXELS, null, null);
        new EncodeJob(spark, options, EncodeModel.of(model, null, RuntimeOptions.DEFAULT)).run();
        return root.resolve("codes").toUri().toString();
    }

    /** Shared options writing to {@code out} with the test model. */
    SequenceOptions options(Path out) {
        return SequenceOptions.of(out.toUri().toString()).withModel(checkpoint.toString());
    }

    /** A codes table with the clip's codes and one more whose structure code is all NaN; returns its URI. */
    String codesWithNaN(Path table, String nanId) {
        List<Row> rows = new ArrayList<>(TableCommits.readCommitted(spark, codes, Tables.CODES).drop("run")
                .collectAsList());
        Row first = rows.get(0);
        List<Float> nan = new ArrayList<>();
        for (int i = 0; i < first.getList(6).size(); i++) {
            nan.add(Float.NaN);
        }
        rows.add(RowFactory.create(nanId, "file:/nan.png", first.get(2), first.get(3),
                first.get(4), first.get(5), nan, first.get(7), first.get(8)));
        TableCommits.commitRun(spark.createDataFrame(rows, Tables.CODES), table.toUri().toString(), "with-nan");
        return table.toUri().toString();
    }

    static SwappingAutoencoder model() throws Exception {
        return SwappingAutoencoder.create(EncodeDataset.SMALL, RandomWeights.of(EncodeDataset.SMALL,
                EncodeDataset.SEED));
    }

    /** {@code structure} decoded with {@code texture} and the noise of {@code noiseId} under seed 0. */
    static RgbImage decode(SwappingAutoencoder model, float[] structure, int[] shape, float[] texture, long noiseId) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray image = model.generate(m.create(structure, new Shape(1, shape[0], shape[1], shape[2])),
                    m.create(texture, new Shape(1, texture.length)), Noise.seeded(0, noiseId));
            int h = (int) image.getShape().get(2);
            int w = (int) image.getShape().get(3);
            return ImageTensors.fromChw(image.toFloatArray(), 0, w, h);
        }
    }

    /** The structure code (first) and texture code (second) of {@code picture}. */
    static float[][] encode(SwappingAutoencoder model, RgbImage picture) {
        try (NDManager m = model.manager().newSubManager();
             Codes codes = model.encode(m.create(ImageTensors.toChw(picture),
                     new Shape(1, 3, picture.height(), picture.width())))) {
            return new float[][] {codes.structure().toFloatArray(), codes.texture().toFloatArray()};
        }
    }

    /** Frame {@code index} of {@code sequence} under {@code out}. */
    static RgbImage frame(Path out, String sequence, int index) throws Exception {
        return read(out.resolve("sequences").resolve(sequence).resolve(FrameFolderWriter.fileName(index)));
    }

    static RgbImage read(Path file) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(file));
    }

    static int maxDifference(RgbImage a, RgbImage b) {
        assertThat(a.size()).isEqualTo(b.size());
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }
}
