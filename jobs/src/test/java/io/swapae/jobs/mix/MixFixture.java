package io.swapae.jobs.mix;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeJob;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.EncodeOptions;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.generate.GeneratedTable;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.model.Noise;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Three encoded pictures and the small random model that encoded them, for the mix tests: their codes by content id,
 * decodes of any codes as a grid cell is decoded, and pixel comparisons.
 */
final class MixFixture {

    final SparkSession spark;
    final Path dir;
    final Path checkpoint;
    final Path root;
    /** The codes of the three encoded images by content id: id, structure, structure shape, texture, model. */
    final Map<String, Row> codes = new TreeMap<>();
    final List<String> ids;

    private MixFixture(SparkSession spark, Path dir) throws Exception {
        this.spark = spark;
        this.dir = dir;
        EncodeDataset.images(dir.resolve("images"), 3);
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
        root = dir.resolve("root");
        encode(root, checkpoint);
        for (Row r : TableCommits.readCommitted(spark, root.resolve("codes").toUri().toString(), Tables.CODES)
                .select("id", "structure", "structure_shape", "texture", "model").collectAsList()) {
            codes.put(r.getString(0), r);
        }
        ids = List.copyOf(codes.keySet());
    }

    /** Encodes three pictures under {@code dir} with a small random model. */
    static MixFixture encoded(SparkSession spark, Path dir) throws Exception {
        return new MixFixture(spark, dir);
    }

    /** Encodes the fixture's pictures into {@code output} with {@code model}. */
    void encode(Path output, Path model) throws Exception {
        EncodeOptions options = new EncodeOptions(List.of(dir.resolve("images").toUri().toString()),
                output.toUri().toString(), model.toString(), null, 4, 3, false, EncodeOptions.DEFAULT_MAX_PIXELS,
                null, null);
        new EncodeJob(spark, options, EncodeModel.of(model, null, RuntimeOptions.DEFAULT)).run();
    }

    String codesTable() {
        return root.resolve("codes").toUri().toString();
    }

    /** Options of {@code op} on the fixture's codes and model, writing to {@code out}. */
    MixOptions options(Path out, MixOp op, List<String> rows, List<String> columns) {
        return MixOptions.of(codesTable(), out.toUri().toString(), op, rows, columns)
                .withModel(checkpoint.toString());
    }

    float[] structure(String id) {
        return floats(codes.get(id).getList(1));
    }

    int[] shape(String id) {
        return codes.get(id).<Integer>getList(2).stream().mapToInt(Integer::intValue).toArray();
    }

    float[] texture(String id) {
        return floats(codes.get(id).getList(3));
    }

    String model(String id) {
        return codes.get(id).getString(4);
    }

    /** The rows of {@code OUT/generated}. */
    List<Row> generated(Path out) {
        return TableCommits.readCommitted(spark, out.resolve("generated").toUri().toString(), GeneratedTable.SCHEMA)
                .collectAsList();
    }

    static SwappingAutoencoder model() throws Exception {
        return SwappingAutoencoder.create(EncodeDataset.SMALL, RandomWeights.of(EncodeDataset.SMALL,
                EncodeDataset.SEED));
    }

    /** The generator's output for these codes, CHW in [-1, 1]: {@code [3, H, W]} flattened, with its width last. */
    static float[] decodeFloats(SwappingAutoencoder model, float[] structure, int[] shape, float[] texture,
                                long noiseId, int[] size) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray s = m.create(structure, new Shape(1, shape[0], shape[1], shape[2]));
            NDArray t = m.create(texture, new Shape(1, texture.length));
            NDArray image = model.generate(s, t, Noise.seeded(0, noiseId));
            size[0] = (int) image.getShape().get(3);
            size[1] = (int) image.getShape().get(2);
            return image.toFloatArray();
        }
    }

    /** These codes decoded as a cell with the noise of {@code noiseId} under seed 0. */
    static RgbImage decode(SwappingAutoencoder model, float[] structure, int[] shape, float[] texture, long noiseId) {
        int[] size = new int[2];
        float[] pixels = decodeFloats(model, structure, shape, texture, noiseId, size);
        return ImageTensors.fromChw(pixels, 0, size[0], size[1]);
    }

    /** The structure of {@code structureId} with the texture of {@code textureId}, as a cell of its row. */
    RgbImage direct(SwappingAutoencoder model, String structureId, String textureId) {
        return decode(model, structure(structureId), shape(structureId), texture(textureId),
                CellRequests.noiseId(structureId));
    }

    static RgbImage read(String uri) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(Path.of(java.net.URI.create(uri))));
    }

    static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    static double meanDifference(RgbImage a, RgbImage b) {
        assertThat(a.size()).isEqualTo(b.size());
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
        }
        return (double) sum / a.pixels().length;
    }

    static int maxDifference(RgbImage a, RgbImage b) {
        return maxDifference(a, b, 0, a.width());
    }

    /** The largest difference of a channel value in pixel columns {@code x0 ≤ x < x1}. */
    static int maxDifference(RgbImage a, RgbImage b, int x0, int x1) {
        assertThat(a.size()).isEqualTo(b.size());
        int max = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int i = 3 * (y * a.width() + x0); i < 3 * (y * a.width() + x1); i++) {
                max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
            }
        }
        return max;
    }
}
