package io.swapae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import java.util.Arrays;

/**
 * Reads the tensors of a {@link StateDict} into engine arrays owned by one manager, checking each shape, and turns
 * the arrays the layers keep into the network's compute type. Layers derive their weights in float32 (scales,
 * demodulation, phase kernels) and convert each once, through {@link #keep}.
 */
final class Weights {

    private final StateDict dict;
    private final NDManager manager;
    private final DataType computeType;
    private long keptBytes;

    Weights(StateDict dict, NDManager manager, DataType computeType) {
        this.dict = dict;
        this.manager = manager;
        this.computeType = computeType;
    }

    NDManager manager() {
        return manager;
    }

    /** The type the kept arrays have: the type the network computes in. */
    DataType computeType() {
        return computeType;
    }

    /** The float32 tensor {@code key}, which must have {@code expected} shape, reshaped to {@code as} when given. */
    NDArray get(String key, long[] expected, long... as) throws CheckpointException {
        TensorData t = dict.get(key);
        if (!Arrays.equals(t.shape(), expected)) {
            throw new CheckpointException(key + ": checkpoint has " + Arrays.toString(t.shape())
                    + ", architecture expects " + Arrays.toString(expected));
        }
        Shape shape = new Shape(as.length == 0 ? expected : as);
        if (t.dtype() == TensorData.DType.F32) {
            return manager.create(t.data(), shape, DataType.FLOAT32);
        }
        return manager.create(t.toFloats(), shape);
    }

    /** The tensor {@code key} as {@link #get} reads it, kept in the compute type. */
    NDArray keep(String key, long[] expected, long... as) throws CheckpointException {
        return keep(get(key, expected, as));
    }

    /** An array made here (fixed filters, derived weights), kept in the compute type. */
    NDArray create(float[] values, long... shape) {
        return keep(manager.create(values, new Shape(shape)));
    }

    /**
     * {@code derived} (float32) as the layer keeps it: itself in a float32 network, else converted once to the
     * compute type, {@code derived} being closed.
     */
    NDArray keep(NDArray derived) {
        NDArray kept = Ops.castConsuming(derived, computeType);
        keptBytes += kept.size() * computeType.getNumOfBytes();
        return kept;
    }

    /** Bytes of every array kept so far. */
    long keptBytes() {
        return keptBytes;
    }
}
