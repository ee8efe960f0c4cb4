package io.swapae.checkpoint;

import java.util.Objects;

import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;

/** A released official model: its name (the folder of its checkpoint), architecture, preprocessing and a description. */
public record ModelPreset(String name, Architecture architecture, Preprocess preprocess, String description) {

    public ModelPreset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(description, "description");
    }
}
