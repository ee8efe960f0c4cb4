package io.swapae.jobs.encode;

import io.swapae.image.Preprocess;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.DeviceException;
import io.swapae.runtime.ExecutorModels;
import io.swapae.runtime.LoadedModel;
import io.swapae.runtime.ModelBenchmark;
import io.swapae.runtime.ModelLoadException;
import io.swapae.runtime.RuntimeOptions;
import io.swapae.runtime.TaskResources;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;

/**
 * End-to-end throughput of the encode job on a generated dataset, against the model alone at the same batch size:
 * how much of the model's speed the job keeps after reading, hashing, decoding, preprocessing and writing.
 */
public final class EncodeBenchmark {

    /** The figures of one run. */
    public record Result(int images, int size, int batch, double jobImagesPerSecond, double modelImagesPerSecond) {

        /** Job throughput as a fraction of model-only throughput. */
        public double efficiency() {
            return jobImagesPerSecond / modelImagesPerSecond;
        }
    }

    private final SparkSession spark;
    private final EncodeModel model;

    public EncodeBenchmark(SparkSession spark, EncodeModel model) {
        this.spark = spark;
        this.model = model;
    }

    /** Writes {@code count} JPEG landscapes of {@code size}² into {@code work}, encodes them, and measures. */
    public Result run(Path work, int count, int size, int batch)
            throws IOException, DeviceException, ModelLoadException {
        Path images = Files.createDirectories(work.resolve("images"));
        SplittableRandom random = new SplittableRandom(count);
        for (int i = 0; i < count; i++) {
            ImageIO.write(landscape(size, random), "jpg", images.resolve(String.format("img%05d.jpg", i)).toFile());
        }
        // steady state: a first run over a few images loads the executors' model and warms Spark's code generation
        Path warmup = Files.createDirectories(work.resolve("warmup"));
        for (int i = 0; i < Math.min(count, batch); i++) {
            ImageIO.write(landscape(size, random), "jpg", warmup.resolve(String.format("w%05d.jpg", i)).toFile());
        }
        new EncodeJob(spark, options(warmup, work.resolve("warmup-out"), batch), model).run();
        EncodeSummary job = new EncodeJob(spark, options(images, work.resolve("out"), batch), model).run();
        LoadedModel loaded = ExecutorModels.forTask(model.spec(spark.sparkContext().hadoopConfiguration()),
                RuntimeOptions.DEFAULT, TaskResources.local());
        SwappingAutoencoder network = loaded.network();
        Preprocess p = model.preprocess();
        ModelBenchmark.Result alone = new ModelBenchmark(network, p.cropSize(), p.cropSize(), 1, 3).run(batch);
        return new Result(count, size, batch, job.imagesPerSecond(), alone.encodeImagesPerSecond());
    }

    private EncodeOptions options(Path images, Path output, int batch) {
        return new EncodeOptions(List.of(images.toUri().toString()), output.toUri().toString(), null,
                model.preprocess(), batch, 0, false, EncodeOptions.DEFAULT_MAX_PIXELS, null, null);
    }

    /** A simple procedural landscape: sky gradient, sun, layered hills. */
    static BufferedImage landscape(int size, SplittableRandom r) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(r.nextInt(40, 120), r.nextInt(90, 180), r.nextInt(170, 255)),
                0, size * 0.6f, new Color(r.nextInt(180, 255), r.nextInt(150, 230), r.nextInt(120, 220))));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(255, r.nextInt(180, 240), r.nextInt(60, 160)));
        int sun = size / 8 + r.nextInt(size / 8);
        g.fillOval(r.nextInt(size - sun), r.nextInt(size / 3), sun, sun);
        for (int layer = 0; layer < 3; layer++) {
            int base = size / 2 + layer * size / 8;
            int[] xs = new int[size / 16 + 3];
            int[] ys = new int[xs.length];
            for (int i = 0; i < xs.length - 2; i++) {
                xs[i] = i * 16;
                ys[i] = base - r.nextInt(size / 6);
            }
            xs[xs.length - 2] = size;
            ys[xs.length - 2] = size;
            xs[xs.length - 1] = 0;
            ys[xs.length - 1] = size;
            g.setColor(new Color(r.nextInt(20, 90), r.nextInt(60, 140) - layer * 15, r.nextInt(20, 80)));
            g.fillPolygon(xs, ys, xs.length);
        }
        g.dispose();
        return img;
    }
}
