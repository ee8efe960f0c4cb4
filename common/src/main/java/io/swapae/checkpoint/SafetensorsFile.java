package io.swapae.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The content of a safetensors file: its {@code __metadata__} strings and (some of) its tensors. */
public record SafetensorsFile(Map<String, String> metadata, StateDict tensors) {

    public SafetensorsFile {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
