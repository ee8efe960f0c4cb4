package io.swapae.jobs.models;

import io.swapae.checkpoint.ModelPreset;
import java.util.Objects;

/**
 * A released official model: the short name users type ({@code mountain}), the release archive that holds its
 * checkpoint, and its preset (architecture and preprocessing, folder name {@code mountain_pretrained}).
 */
public record ModelRelease(String name, String archive, ModelPreset preset) {

    public ModelRelease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(preset, "preset");
    }

    /** The checkpoint's folder in the archive and in the cache: the preset's name, e.g. {@code mountain_pretrained}. */
    public String folder() {
        return preset.name();
    }
}
