package io.swapae.jobs.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.model.Noise;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.ExecutorModels;
import io.swapae.runtime.TaskResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

/**
 * In a task: generates the pictures it is given with the executor's shared model and returns their rows of
 * {@code OUT/generated}, lazily, so a partition of any size runs in bounded memory.
 *
 * <p>Requests are decoded in batches of structure codes of one shape; the pictures of a batch are converted to 8 bits,
 * encoded and written by a pool of the task's cores while the model decodes the next batch. A picture's noise is
 * that of its noise id under the seed, so it decodes the same in any batch and on any executor. A picture with
 * texture regions takes one decode per texture code (counted against the batch size), all with its noise, and is
 * composited from them column by column before it is encoded.
 */
public final class ImageRenderer implements FlatMapFunction<Iterator<ImageRequest>, Row> {

    private static final long serialVersionUID = 1L;

    private final EncodeModel model;
    private final int batchSize;
    private final long seed;
    private final ImageOutput output;
    private final SerializableConfiguration conf;
    private final LongAccumulator done;

    /**
     * @param model     the model that made the codes, as it travels to executors
     * @param batchSize pictures per model call
     * @param seed      the seed of the generator's noise
     * @param output    format and store of the pictures
     * @param conf      the Hadoop configuration to write with
     * @param done      counts the pictures done, for the driver's progress line ({@code null}: no count)
     */
    public ImageRenderer(EncodeModel model, int batchSize, long seed, ImageOutput output,
                         SerializableConfiguration conf, LongAccumulator done) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.seed = seed;
        this.output = output;
        this.conf = conf;
        this.done = done;
    }

    @Override
    public Iterator<Row> call(Iterator<ImageRequest> requests) throws Exception {
        TaskResources resources = SparkTasks.current();
        SwappingAutoencoder network = ExecutorModels.forTask(model.spec(conf.value()), model.runtime(), resources)
                .network();
        ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, resources.taskCpus()), r -> {
            Thread t = new Thread(r, "swapae-image-writer");
            t.setDaemon(true);
            return t;
        });
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> writers.shutdownNow());
        }
        return new Rendering(network, requests, writers);
    }

    /** The rows of one task, produced a batch ahead of what is consumed. */
    private final class Rendering implements Iterator<Row> {

        private final SwappingAutoencoder network;
        private final Iterator<ImageRequest> requests;
        private final ExecutorService writers;
        private final Deque<Future<Row>> pending = new ArrayDeque<>();
        private ImageRequest lookahead;

        Rendering(SwappingAutoencoder network, Iterator<ImageRequest> requests, ExecutorService writers) {
            this.network = network;
            this.requests = requests;
            this.writers = writers;
        }

        @Override
        public boolean hasNext() {
            while (pending.size() < batchSize && (lookahead != null || requests.hasNext())) {
                decodeNextBatch();
            }
            if (pending.isEmpty()) {
                writers.shutdown();
                return false;
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                Row row = pending.poll().get();
                if (done != null) {
                    done.add(1);
                }
                return row;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing generated pictures", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
                throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
            }
        }

        private void decodeNextBatch() {
            List<ImageRequest> batch = new ArrayList<>();
            int decodes = 0;
            while (decodes < batchSize && (lookahead != null || requests.hasNext())) {
                ImageRequest r = lookahead != null ? lookahead : requests.next();
                lookahead = null;
                if (!batch.isEmpty() && (!Arrays.equals(batch.get(0).structureShape(), r.structureShape())
                        || decodes + r.decodes() > batchSize)) {
                    lookahead = r;
                    break;
                }
                batch.add(r);
                decodes += r.decodes();
            }
            for (Picture p : decode(batch)) {
                pending.add(writers.submit(() -> store(p)));
            }
        }

        private List<Picture> decode(List<ImageRequest> batch) {
            int k = 0;
            for (ImageRequest r : batch) {
                k += r.decodes();
            }
            int[] shape = batch.get(0).structureShape();
            int structureSize = batch.get(0).structure().length;
            int textureSize = batch.get(0).texture().length;
            float[] structures = new float[k * structureSize];
            float[] textures = new float[k * textureSize];
            long[] noiseIds = new long[k];
            int slot = 0;
            for (ImageRequest r : batch) {
                if (r.texture().length != textureSize) {
                    throw new IllegalArgumentException("picture " + r.id() + " has a texture code of "
                            + r.texture().length + " values, the others of its batch " + textureSize);
                }
                for (int d = 0; d < r.decodes(); d++, slot++) {
                    System.arraycopy(r.structure(), 0, structures, slot * structureSize, structureSize);
                    System.arraycopy(r.texture(d), 0, textures, slot * textureSize, textureSize);
                    noiseIds[slot] = r.noiseId();
                }
            }
            List<Picture> pictures = new ArrayList<>();
            try (NDManager m = network.manager().newSubManager()) {
                NDArray s = m.create(structures, new Shape(k, shape[0], shape[1], shape[2]));
                NDArray t = m.create(textures, new Shape(k, textureSize));
                NDArray decoded = network.generate(s, t, Noise.seeded(seed, noiseIds));
                int h = (int) decoded.getShape().get(2);
                int w = (int) decoded.getShape().get(3);
                float[] pixels = decoded.toFloatArray();
                slot = 0;
                for (ImageRequest r : batch) {
                    if (r.regions() == null) {
                        pictures.add(new Picture(r, pixels, slot * 3 * h * w, w, h));
                    } else {
                        pictures.add(new Picture(r, composite(r.regions(), pixels, slot, w, h), 0, w, h));
                    }
                    slot += r.decodes();
                }
            }
            return pictures;
        }

        /** The decodes {@code first..} of a picture with texture regions, weighted column by column. */
        private static float[] composite(ImageRequest.TextureRegions regions, float[] pixels, int first, int w,
                                         int h) {
            double[][] weights = regions.pixelWeights(w);
            int size = 3 * h * w;
            float[] out = new float[size];
            for (int k = 0; k < weights.length; k++) {
                int offset = (first + k) * size;
                for (int i = 0; i < size; i++) {
                    out[i] += (float) (weights[k][i % w] * pixels[offset + i]);
                }
            }
            return out;
        }

        private Row store(Picture p) throws IOException {
            RgbImage image = ImageTensors.fromChw(p.pixels(), p.offset(), p.width(), p.height());
            byte[] bytes = output.encode(image);
            ImageRequest r = p.request();
            if (output.files()) {
                ImageFiles.write(r.uri(), bytes, conf.value());
            }
            return RowFactory.create(r.id(), r.op(), r.params(), r.structureIds().toArray(), r.textureIds().toArray(),
                    output.files() ? r.uri() : null, image.width(), image.height(), seed, model.fingerprint(),
                    output.formatName(), output.inTable() ? bytes : null);
        }
    }

    /** A decoded picture of a batch: its request and where its pixels lie in the batch's array. */
    private record Picture(ImageRequest request, float[] pixels, int offset, int width, int height) {
    }
}
