package io.swapae.runtime;

import ai.djl.Device;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.Fingerprint;
import io.swapae.checkpoint.ModelWeights;
import io.swapae.image.Preprocess;
import io.swapae.model.ComputePath;
import io.swapae.model.SwappingAutoencoder;
import java.util.Map;

/**
 * A model in memory on its device with what outputs record about it: the fingerprint of its weights, the
 * preprocessing it was trained with ({@code null} when unknown), provenance. The host copy of the weights is not
 * kept. Shared by the tasks of an executor, so callers never close it.
 */
public record LoadedModel(ModelSpec spec, SwappingAutoencoder network, Fingerprint fingerprint, Preprocess preprocess,
                          Map<String, String> provenance, Device device, ComputePath path, Precision precision) {

    public LoadedModel {
        provenance = Map.copyOf(provenance);
    }

    /**
     * Reads {@code spec} and builds its network on {@code device}, computing in {@code precision}.
     *
     * @throws CheckpointException when the weights cannot be read or do not fit their architecture
     */
    public static LoadedModel load(ModelSpec spec, Device device, ComputePath path, Precision precision)
            throws CheckpointException {
        ModelWeights weights = spec.load();
        SwappingAutoencoder network = SwappingAutoencoder.create(weights.architecture(), weights.tensors(), device, path,
                precision.dataType());
        return new LoadedModel(spec, network, weights.fingerprint(), weights.preprocess(), weights.provenance(), device,
                path, precision);
    }
}
