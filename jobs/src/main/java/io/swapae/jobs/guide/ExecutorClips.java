package io.swapae.jobs.guide;

import ai.djl.Device;
import io.swapae.clip.ClipModel;
import io.swapae.runtime.ModelCache;
import io.swapae.runtime.ModelLoadException;

/**
 * The CLIP models of this JVM: one instance per model and device, loaded by the first task that asks and shared by
 * the later tasks of the executor (the model is thread-safe). Models stay loaded for the life of the JVM.
 */
final class ExecutorClips {

    /** What identifies one loaded instance. */
    private record Key(ClipSource source, Device device) {
        @Override
        public String toString() {
            return "CLIP model " + source.weights() + " on " + device;
        }
    }

    private static final ModelCache<Key, ClipModel> MODELS = new ModelCache<>(k -> k.source().load(k.device()));

    private ExecutorClips() {
    }

    /** The shared instance of {@code source} on {@code device}, loading it on first use. */
    static ClipModel get(ClipSource source, Device device) throws ModelLoadException {
        return MODELS.get(new Key(source, device));
    }
}
