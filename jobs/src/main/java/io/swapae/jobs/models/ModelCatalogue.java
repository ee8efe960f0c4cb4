package io.swapae.jobs.models;

import io.swapae.checkpoint.ModelPreset;
import io.swapae.checkpoint.ModelPresets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The models {@code swapae models get} can download, looked up by short name or folder name. */
public final class ModelCatalogue {

    /** The official release archive of the church, bedroom, mountain, ffhq512 and ffhq1024 models. */
    public static final String MODELS_ARCHIVE = "swapping_autoencoder_models_and_test_images.zip";
    /** The official release archive of the afhq model. */
    public static final String AFHQ_ARCHIVE = "afhq_models_and_test_images.zip";

    private static final String SUFFIX = "_pretrained";

    private static final ModelCatalogue OFFICIAL = new ModelCatalogue(List.of(
            official("church", MODELS_ARCHIVE),
            official("bedroom", MODELS_ARCHIVE),
            official("mountain", MODELS_ARCHIVE),
            official("ffhq512", MODELS_ARCHIVE),
            official("ffhq1024", MODELS_ARCHIVE),
            official("afhq", AFHQ_ARCHIVE)));

    private final List<ModelRelease> releases;

    /** A catalogue of these releases, in this order. */
    public ModelCatalogue(List<ModelRelease> releases) {
        this.releases = List.copyOf(releases);
    }

    /** The six released official models, in the order of the official README. */
    public static ModelCatalogue official() {
        return OFFICIAL;
    }

    public List<ModelRelease> releases() {
        return releases;
    }

    /** The release called {@code name} ({@code mountain}) or stored in folder {@code name} ({@code mountain_pretrained}). */
    public Optional<ModelRelease> find(String name) {
        return releases.stream().filter(r -> r.name().equals(name) || r.folder().equals(name)).findFirst();
    }

    /** The release called {@code name}; refuses an unknown name, listing the known ones. */
    public ModelRelease require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model '" + name
                + "': the released models are " + names()));
    }

    /** The short names, comma-separated. */
    public String names() {
        return releases.stream().map(ModelRelease::name).collect(Collectors.joining(", "));
    }

    private static ModelRelease official(String name, String archive) {
        ModelPreset preset = ModelPresets.find(name + SUFFIX)
                .orElseThrow(() -> new IllegalStateException("no preset " + name + SUFFIX));
        return new ModelRelease(name, archive, preset);
    }
}
