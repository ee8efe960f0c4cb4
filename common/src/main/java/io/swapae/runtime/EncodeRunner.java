package io.swapae.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageSize;
import io.swapae.model.Codes;
import io.swapae.model.SwappingAutoencoder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;

/**
 * The results of encoding a partition, one per input: runs the model on each batch of a {@link BatchPipeline} while
 * the pipeline prepares the next ones, and splits the codes per image. Rejected inputs come out as
 * {@link Rejected}; a failure of the model itself is thrown (it is not the input's fault). Each batch is placed on
 * the model's device through a child of the model's manager and released after its codes are copied out.
 * Codes do not depend on which images share a batch.
 */
public final class EncodeRunner<T> implements Iterator<EncodeResult<T>>, AutoCloseable {

    private final SwappingAutoencoder network;
    private final BatchPipeline<T> pipeline;
    private final Queue<EncodeResult<T>> results = new ArrayDeque<>();

    public EncodeRunner(SwappingAutoencoder network, BatchPipeline<T> pipeline) {
        this.network = network;
        this.pipeline = pipeline;
    }

    @Override
    public boolean hasNext() {
        while (results.isEmpty() && pipeline.hasNext()) {
            encode(pipeline.next());
        }
        return !results.isEmpty();
    }

    @Override
    public EncodeResult<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return results.remove();
    }

    /** Stops the pipeline; the model stays loaded for other tasks. */
    @Override
    public void close() {
        pipeline.close();
    }

    private void encode(Batch<T> batch) {
        results.addAll(batch.rejected());
        int n = batch.members().size();
        if (n == 0) {
            return;
        }
        ImageSize size = batch.size();
        try (NDManager scope = network.manager().newSubManager()) {
            NDArray images = scope.create(batch.pixels(), new Shape(n, 3, size.height(), size.width()));
            Codes codes = network.encode(images);
            float[] structure = codes.structure().toFloatArray();
            float[] texture = codes.texture().toFloatArray();
            long[] shape = codes.structure().getShape().getShape();
            int[] perImageShape = Arrays.stream(shape, 1, shape.length).mapToInt(Math::toIntExact).toArray();
            int s = structure.length / n;
            int t = texture.length / n;
            for (int i = 0; i < n; i++) {
                Batch.Member<T> m = batch.members().get(i);
                results.add(new Encoded<>(m.input(), m.source(), m.width(), m.height(),
                        Arrays.copyOfRange(structure, i * s, (i + 1) * s), perImageShape.clone(),
                        Arrays.copyOfRange(texture, i * t, (i + 1) * t)));
            }
        }
    }
}
