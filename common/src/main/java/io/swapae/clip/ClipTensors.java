package io.swapae.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;

/**
 * The checked CLIP weights as float32 engine arrays owned by one manager. Float16, bfloat16 and float64 tensors are
 * converted to float32 (float16 and bfloat16 exactly); a 1-element {@code logit_scale} becomes 0-d.
 */
final class ClipTensors {

    private final StateDict weights;
    private final NDManager manager;

    /** Tensors from {@code weights}, which must pass {@link ClipWeights#check} for {@code config}. */
    ClipTensors(StateDict weights, ClipConfig config, NDManager manager) throws CheckpointException {
        ClipWeights.check(weights, config);
        this.weights = weights;
        this.manager = manager;
    }

    NDManager manager() {
        return manager;
    }

    /** The float32 array of {@code key}. */
    NDArray get(String key) {
        TensorData t = weights.asMap().get(key);
        Shape shape = key.equals("logit_scale") ? new Shape() : new Shape(t.shape());
        if (t.dtype() == TensorData.DType.F32) {
            return manager.create(t.data(), shape, DataType.FLOAT32);
        }
        return manager.create(t.toFloats(), shape);
    }
}
