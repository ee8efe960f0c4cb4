package io.swapae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import java.util.Arrays;

/** Reads the tensors of a {@link StateDict} into engine arrays owned by one manager, checking each shape. */
final class Weights {

    private final StateDict dict;
    private final NDManager manager;

    Weights(StateDict dict, NDManager manager) {
        this.dict = dict;
        this.manager = manager;
    }

    NDManager manager() {
        return manager;
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

    /** A float32 array made here (fixed filters, derived weights). */
    NDArray create(float[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }
}
