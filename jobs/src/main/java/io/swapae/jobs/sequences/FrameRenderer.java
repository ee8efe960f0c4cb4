package io.swapae.jobs.sequences;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.model.Noise;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.ExecutorModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: decodes the pictures it is given with the executor's shared model, in batches of codes of one shape,
 * keeps each one's columns, writes it as a PNG and yields what was written, a batch at a time (bounded memory).
 */
final class FrameRenderer implements FlatMapFunction<Iterator<PictureRequest>, RenderedFrame> {

    private static final long serialVersionUID = 1L;

    private final EncodeModel model;
    private final int batchSize;
    private final long seed;
    private final SerializableConfiguration conf;
    private final LongAccumulator done;

    FrameRenderer(EncodeModel model, int batchSize, long seed, SerializableConfiguration conf, LongAccumulator done) {
        this.model = model;
        this.batchSize = batchSize;
        this.seed = seed;
        this.conf = conf;
        this.done = done;
    }

    @Override
    public Iterator<RenderedFrame> call(Iterator<PictureRequest> requests) throws Exception {
        SwappingAutoencoder network = ExecutorModels.forTask(model.spec(conf.value()), model.runtime(),
                SparkTasks.current()).network();
        return new Iterator<>() {
            private final Deque<RenderedFrame> ready = new ArrayDeque<>();
            private PictureRequest lookahead;

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && (lookahead != null || requests.hasNext())) {
                    renderNextBatch();
                }
                return !ready.isEmpty();
            }

            @Override
            public RenderedFrame next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void renderNextBatch() {
                List<PictureRequest> batch = new ArrayList<>();
                while (batch.size() < batchSize && (lookahead != null || requests.hasNext())) {
                    PictureRequest r = lookahead != null ? lookahead : requests.next();
                    lookahead = null;
                    if (!batch.isEmpty() && (!Arrays.equals(batch.get(0).shape(), r.shape())
                            || batch.get(0).texture().length != r.texture().length)) {
                        lookahead = r;
                        break;
                    }
                    batch.add(r);
                }
                RgbImage[] pictures = decode(network, batch, seed);
                for (int i = 0; i < batch.size(); i++) {
                    PictureRequest r = batch.get(i);
                    RgbImage kept = keptColumns(pictures[i], r);
                    try {
                        ImageFiles.write(r.uri(), ImageEncoder.png(kept), conf.value());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    ready.add(RenderedFrame.written(r.sequence(), r.index(), r.params(), kept.width(), kept.height()));
                    if (done != null) {
                        done.add(1);
                    }
                }
            }
        };
    }

    /** The pictures of a batch of codes of one shape, decoded together, each with its own seeded noise. */
    static RgbImage[] decode(SwappingAutoencoder network, List<PictureRequest> batch, long seed) {
        int k = batch.size();
        int[] shape = batch.get(0).shape();
        int structureSize = batch.get(0).structure().length;
        int textureSize = batch.get(0).texture().length;
        float[] structures = new float[k * structureSize];
        float[] textures = new float[k * textureSize];
        long[] noiseIds = new long[k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(batch.get(i).structure(), 0, structures, i * structureSize, structureSize);
            System.arraycopy(batch.get(i).texture(), 0, textures, i * textureSize, textureSize);
            noiseIds[i] = batch.get(i).noiseId();
        }
        try (NDManager m = network.manager().newSubManager()) {
            NDArray s = m.create(structures, new Shape(k, shape[0], shape[1], shape[2]));
            NDArray t = m.create(textures, new Shape(k, textureSize));
            NDArray decoded = network.generate(s, t, Noise.seeded(seed, noiseIds));
            int h = (int) decoded.getShape().get(2);
            int w = (int) decoded.getShape().get(3);
            float[] pixels = decoded.toFloatArray();
            RgbImage[] out = new RgbImage[k];
            for (int i = 0; i < k; i++) {
                out[i] = ImageTensors.fromChw(pixels, i * 3 * h * w, w, h);
            }
            return out;
        }
    }

    /** The columns of {@code picture} under the request's kept code columns. */
    static RgbImage keptColumns(RgbImage picture, PictureRequest r) {
        if (r.keepFrom() == 0 && r.keepWidth() == r.shape()[2]) {
            return picture;
        }
        int scale = picture.width() / r.shape()[2];
        return crop(picture, r.keepFrom() * scale, r.keepWidth() * scale);
    }

    /** Columns {@code from} to {@code from + width} of {@code picture}. */
    static RgbImage crop(RgbImage picture, int from, int width) {
        byte[] out = new byte[3 * width * picture.height()];
        for (int y = 0; y < picture.height(); y++) {
            System.arraycopy(picture.pixels(), 3 * (y * picture.width() + from), out, 3 * y * width, 3 * width);
        }
        return new RgbImage(width, picture.height(), out);
    }
}
