package io.swapae.jobs.guide;

import io.swapae.jobs.models.ClipRelease;
import io.swapae.jobs.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code --clip}: a CLIP model's name in the model store ({@code clip-vit-b-32}, put there by
 * {@code swapae models get}), a folder in open_clip's layout ({@code open_clip_config.json} and
 * {@code open_clip_model.safetensors}) or a bare weights file (taken as ViT-B-32).
 */
public final class ClipFiles {

    /** The config file of an open_clip folder. */
    public static final String CONFIG = "open_clip_config.json";
    /** The weights file of an open_clip folder. */
    public static final String WEIGHTS = "open_clip_model.safetensors";

    private ClipFiles() {
    }

    /** The CLIP model {@code reference} names, with the model store {@code store} for names. */
    public static ClipSource resolve(String reference, ModelStore store) throws IOException {
        if (ClipRelease.find(reference).isPresent()) {
            ClipRelease release = ClipRelease.find(reference).get();
            Path folder = store.clipFolder(release);
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--clip " + reference + " is not in the model store " + store.root()
                        + ": run `swapae models get " + release.name() + "` first");
            }
            return ClipSource.folder(folder);
        }
        Path path = Path.of(reference);
        if (Files.isDirectory(path)) {
            return ClipSource.folder(path);
        }
        if (Files.isRegularFile(path)) {
            return ClipSource.file(path);
        }
        throw new IllegalArgumentException("--clip: '" + reference + "' is neither a CLIP model's name ("
                + ClipRelease.names() + "), nor a folder with " + CONFIG + " and " + WEIGHTS + ", nor a weights file");
    }
}
