package io.swapae.runtime;

import ai.djl.Device;
import io.swapae.model.ComputePath;

/**
 * The models of this JVM: one instance per model, device, compute path and precision, loaded by the first task that
 * asks and shared by all later tasks of the executor (the network is thread-safe for inference). Models stay loaded
 * for the life of the JVM.
 *
 * <p>A task calls {@link #forTask} once before running its partition.
 */
public final class ExecutorModels {

    /** What identifies one loaded instance. */
    record Key(ModelSpec spec, Device device, ComputePath path, Precision precision) {
        @Override
        public String toString() {
            return "model " + spec + " on " + device + " (" + path + ", " + precision + ")";
        }
    }

    private static final ModelCache<Key, LoadedModel> MODELS =
            new ModelCache<>(k -> LoadedModel.load(k.spec(), k.device(), k.path(), k.precision()));

    private ExecutorModels() {
    }

    /** The shared instance of {@code spec} on {@code device}, loading it on first use. */
    public static LoadedModel get(ModelSpec spec, Device device, ComputePath path, Precision precision)
            throws ModelLoadException {
        return MODELS.get(new Key(spec, device, path, precision));
    }

    /**
     * Prepares the calling task thread and returns its model: chooses the device from the task's resources, sets the
     * intra-op threads and switches autograd off on this thread, then gets the shared instance.
     *
     * @throws DeviceException when the device asked for cannot be used
     * @throws ModelLoadException when the model cannot be loaded
     */
    public static LoadedModel forTask(ModelSpec spec, RuntimeOptions options, TaskResources task)
            throws DeviceException, ModelLoadException {
        Device device = DeviceSelector.select(options.device(), task.resources());
        InferenceThreads.applyToCurrentThread(options.threads() > 0 ? options.threads() : InferenceThreads.forTask(task));
        return get(spec, device, options.path(), options.precision());
    }
}
