package io.swapae.jobs.mix;

import io.swapae.image.ImageEncoder;
import io.swapae.image.Preprocess;
import io.swapae.image.RgbImage;
import io.swapae.jobs.demo.SampleLandscapes;
import io.swapae.jobs.encode.EncodeJob;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.EncodeOptions;
import io.swapae.jobs.encode.Tables;
import io.swapae.jobs.generate.ImageOutput;
import io.swapae.jobs.storage.TableCommits;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.DeviceException;
import io.swapae.runtime.ExecutorModels;
import io.swapae.runtime.ModelBenchmark;
import io.swapae.runtime.ModelLoadException;
import io.swapae.runtime.RuntimeOptions;
import io.swapae.runtime.TaskResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the mix job on a swap grid of the embedded model, against the model's own generate throughput at
 * the same batch size: how much of the model's speed the job keeps after planning, encoding pictures, writing them,
 * committing the table, composing the grid tiles and the gallery.
 */
public final class MixBenchmark {

    /** The figures of one run: the job's cells per second end to end, and the model's generated images per second. */
    public record Result(int cells, int size, int batch, String format, double jobCellsPerSecond,
                         double modelImagesPerSecond) {

        /** Job throughput as a fraction of model-only throughput. */
        public double efficiency() {
            return jobCellsPerSecond / modelImagesPerSecond;
        }
    }

    private final SparkSession spark;
    private final EncodeModel model;

    public MixBenchmark(SparkSession spark) {
        this.spark = spark;
        this.model = EncodeModel.embeddedDefault(Preprocess.of("scale_shortside_and_crop", 256, 256),
                RuntimeOptions.DEFAULT);
    }

    /**
     * Encodes {@code side} sample landscapes into {@code work}, mixes them into a {@code side}×{@code side} swap grid
     * (after a 2×2 warm-up grid), and measures.
     */
    public Result run(Path work, int side, int batch, ImageOutput images)
            throws IOException, DeviceException, ModelLoadException {
        Path pictures = Files.createDirectories(work.resolve("images"));
        List<RgbImage> landscapes = SampleLandscapes.render(side, 256, 7);
        for (int i = 0; i < landscapes.size(); i++) {
            Files.write(pictures.resolve(String.format("landscape%03d.png", i)), ImageEncoder.png(landscapes.get(i)));
        }
        String root = work.resolve("codes").toUri().toString();
        new EncodeJob(spark, new EncodeOptions(List.of(pictures.toUri().toString()), root, null, model.preprocess(),
                batch, 0, false, EncodeOptions.DEFAULT_MAX_PIXELS, null, null), model).run();
        List<String> ids = TableCommits.readCommitted(spark, root + "/codes", Tables.CODES).select("id")
                .orderBy("id").as(Encoders.STRING()).collectAsList();
        new MixJob(spark, options(root, work.resolve("warmup"), ids.subList(0, Math.min(2, ids.size())), batch,
                images)).run();
        MixSummary grid = new MixJob(spark, options(root, work.resolve("grid"), ids, batch, images)).run();
        SwappingAutoencoder network = ExecutorModels.forTask(model.spec(spark.sparkContext().hadoopConfiguration()),
                RuntimeOptions.DEFAULT, TaskResources.local()).network();
        ModelBenchmark.Result alone = new ModelBenchmark(network, 256, 256, 1, 3).run(batch);
        return new Result(grid.cells(), 256, batch, images.formatName(), grid.cells() / grid.seconds(),
                alone.generateImagesPerSecond());
    }

    private static MixOptions options(String root, Path output, List<String> ids, int batch, ImageOutput images) {
        return new MixOptions(root + "/codes", output.toUri().toString(), MixOp.SWAP, ids, ids, 0, 0, 5, false, 8,
                null, batch, "auto", images, null, null, null);
    }
}
