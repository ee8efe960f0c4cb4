package io.swapae.runtime;

import io.swapae.model.ComputePath;
import java.io.Serializable;

/**
 * How tasks run their model, as the driver passes it to them: the {@code --device} choice, the compute path, the
 * precision, and the intra-op threads per task (0: from the task's cores, see {@link InferenceThreads}).
 */
public record RuntimeOptions(DeviceChoice device, ComputePath path, Precision precision, int threads)
        implements Serializable {

    /** Device chosen from the task's resources, fast path, float32, threads from the task's cores. */
    public static final RuntimeOptions DEFAULT = new RuntimeOptions(DeviceChoice.AUTO, ComputePath.FAST, Precision.FP32, 0);

    public RuntimeOptions {
        if (device == null || path == null || precision == null) {
            throw new IllegalArgumentException("device, compute path and precision are required");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0: from the task's cores), got " + threads);
        }
    }
}
