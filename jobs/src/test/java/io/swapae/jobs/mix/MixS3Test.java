package io.swapae.jobs.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.storage.ObjectStorage;
import io.swapae.jobs.storage.StorageException;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.S3Server;
import io.swapae.jobs.testing.TestSpark;
import io.swapae.model.Noise;
import io.swapae.model.RandomWeights;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 4×4 swap grid from codes in {@code s3a://} to pictures and tables in {@code s3a://}, against a real S3 server. */
class MixS3Test {

    private static final int IMAGES = 4;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static S3Server server;
    static Configuration conf;
    static Path checkpoint;
    static Map<String, Row> codes;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        server = S3Server.shared();
        conf = spark.sparkContext().hadoopConfiguration();
        ObjectStorage.configure(conf, server.options());
        server.createBucket("mix-codes");
        server.createBucket("mix-out");
        EncodeDataset.images(dir.resolve("images"), IMAGES);
        checkpoint = EncodeDataset.model(dir.resolve("small.safetensors"));
        EncodeOptions encode = new EncodeOptions(List.of(dir.resolve("images").toUri().toString()),
                "s3a://mix-codes/root", checkpoint.toString(), null, 4, 2, false, EncodeOptions.DEFAULT_MAX_PIXELS,
                null, null);
        new EncodeJob(spark, encode, EncodeModel.of(checkpoint, null, RuntimeOptions.DEFAULT)).run();
        codes = new TreeMap<>();
        for (Row r : TableCommits.readCommitted(spark, "s3a://mix-codes/root/codes", Tables.CODES)
                .select("id", "structure", "structure_shape", "texture").collectAsList()) {
            codes.put(r.getString(0), r);
        }
    }

    private static MixOptions options(String output) {
        List<String> ids = List.copyOf(codes.keySet());
        return MixOptions.of("s3a://mix-codes/root/codes", output, MixOp.SWAP, ids, ids).withModel(checkpoint.toString());
    }

    @Test
    void aSwapGridGoesFromObjectStorageToObjectStorageAndARerunAddsNothing() throws Exception {
        assertThat(codes).hasSize(IMAGES);
        MixSummary first = new MixJob(spark, options("s3a://mix-out/grid")).run();
        assertThat(first.cells()).isEqualTo(16);
        assertThat(first.written()).isEqualTo(16);
        assertThat(first.grids()).hasSize(1);
        assertThat(server.keys("mix-out", "grid/" + first.grids().get(0))).hasSize(1);
        assertThat(server.keys("mix-out", "grid/images/swap/")).hasSize(17);
        assertThat(server.keys("mix-out", "grid/_run.json")).hasSize(1);
        assertThat(server.keys("mix-out", "grid/index.html")).hasSize(1);

        List<Row> rows = GeneratedTable.read(spark, "s3a://mix-out/grid").collectAsList();
        assertThat(rows).hasSize(16);
        try (SwappingAutoencoder model = SwappingAutoencoder.create(EncodeDataset.SMALL,
                RandomWeights.of(EncodeDataset.SMALL, EncodeDataset.SEED))) {
            int diagonal = 0;
            for (Row row : rows) {
                String structure = row.<String>getList(3).get(0);
                String texture = row.<String>getList(4).get(0);
                assertThat(row.<String>getAs("uri")).startsWith("s3a://mix-out/grid/images/swap/");
                RgbImage cell = new ImageDecoder().decode(ImageFiles.read(row.getAs("uri"), conf));
                int difference = maxDifference(cell, direct(model, structure, texture));
                assertThat(difference).as("cell %s / %s", structure, texture).isLessThanOrEqualTo(1);
                if (structure.equals(texture)) {
                    diagonal++;
                }
            }
            assertThat(diagonal).isEqualTo(IMAGES);
        }

        MixSummary again = new MixJob(spark, options("s3a://mix-out/grid")).run();
        assertThat(again.written()).isZero();
        assertThat(again.skipped()).isEqualTo(16);
        assertThat(GeneratedTable.read(spark, "s3a://mix-out/grid").count()).isEqualTo(16);
    }

    @Test
    void aMissingOutputBucketIsAClearErrorBeforeAnyWork() {
        assertThatThrownBy(() -> new MixJob(spark, options("s3a://no-such-mix-bucket/grid")).run())
                .isInstanceOf(StorageException.class).hasMessageContaining("no-such-mix-bucket")
                .hasMessageContaining("does not exist");
    }

    /** The decode of one structure code with one texture code, as the grid's row of that structure gets its noise. */
    private static RgbImage direct(SwappingAutoencoder model, String structureId, String textureId) {
        Row s = codes.get(structureId);
        Row t = codes.get(textureId);
        List<Integer> shape = s.getList(2);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray structure = m.create(floats(s.getList(1)), new Shape(1, shape.get(0), shape.get(1), shape.get(2)));
            NDArray texture = m.create(floats(t.getList(3)), new Shape(1, t.getList(3).size()));
            NDArray image = model.generate(structure, texture, Noise.seeded(0, CellRequests.noiseId(structureId)));
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

    private static int maxDifference(RgbImage a, RgbImage b) {
        assertThat(a.size()).isEqualTo(b.size());
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }
}
