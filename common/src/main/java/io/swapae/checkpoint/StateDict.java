package io.swapae.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The named tensors of a model in file order, keyed by official state-dict names ({@code E.FromRGB.Conv.weight}, ...). */
public final class StateDict {

    private final Map<String, TensorData> tensors;

    public StateDict(Map<String, TensorData> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** The tensor named {@code key}; a clear error when it is missing. */
    public TensorData get(String key) throws CheckpointException {
        TensorData t = tensors.get(key);
        if (t == null) {
            throw new CheckpointException("checkpoint has no tensor '" + key + "'");
        }
        return t;
    }

    /** Whether a tensor named {@code key} is present. */
    public boolean contains(String key) {
        return tensors.containsKey(key);
    }

    /** Key names in file order. */
    public Set<String> keys() {
        return tensors.keySet();
    }

    /** All tensors in file order. */
    public Map<String, TensorData> asMap() {
        return tensors;
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }
}
