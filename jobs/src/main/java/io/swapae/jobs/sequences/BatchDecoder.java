package io.swapae.jobs.sequences;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.model.Noise;
import io.swapae.model.SwappingAutoencoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * In a task: how the sequence renderers decode codes. Consecutive codes of one shape (structure shape and texture
 * size) are grouped into batches of at most the batch size, and a batch is decoded in one model call, each code with
 * the noise of its own noise id under the job's seed.
 */
final class BatchDecoder {

    /** Codes to decode: the structure code, flattened C×H×W, its shape, the texture code and the noise id. */
    interface Codes {
        float[] structure();

        int[] shape();

        float[] texture();

        long noiseId();
    }

    private final SwappingAutoencoder network;
    private final int batchSize;
    private final long seed;

    BatchDecoder(SwappingAutoencoder network, int batchSize, long seed) {
        this.network = network;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** {@code items} in batches of consecutive codes of one shape, read as the batches are asked for. */
    <T extends Codes> Iterator<List<T>> batches(Iterator<T> items) {
        return new Iterator<>() {
            private T lookahead;

            @Override
            public boolean hasNext() {
                return lookahead != null || items.hasNext();
            }

            @Override
            public List<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<T> batch = new ArrayList<>();
                while (batch.size() < batchSize && hasNext()) {
                    T item = lookahead != null ? lookahead : items.next();
                    lookahead = null;
                    if (!batch.isEmpty() && !sameShape(batch.get(0), item)) {
                        lookahead = item;
                        break;
                    }
                    batch.add(item);
                }
                return batch;
            }
        };
    }

    /** The pictures of a batch of codes of one shape, {@code null} where a picture holds non-finite values. */
    List<RgbImage> decode(List<? extends Codes> batch) {
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
            NDArray decoded = network.generate(m.create(structures, new Shape(k, shape[0], shape[1], shape[2])),
                    m.create(textures, new Shape(k, textureSize)), Noise.seeded(seed, noiseIds));
            int h = (int) decoded.getShape().get(2);
            int w = (int) decoded.getShape().get(3);
            float[] pixels = decoded.toFloatArray();
            List<RgbImage> pictures = new ArrayList<>();
            int size = 3 * h * w;
            for (int i = 0; i < k; i++) {
                pictures.add(finite(pixels, i * size, size) ? ImageTensors.fromChw(pixels, i * size, w, h) : null);
            }
            return pictures;
        }
    }

    /** Whether {@code count} values from {@code from} are all finite numbers. */
    static boolean finite(float[] values, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameShape(Codes a, Codes b) {
        return Arrays.equals(a.shape(), b.shape()) && a.texture().length == b.texture().length;
    }
}
