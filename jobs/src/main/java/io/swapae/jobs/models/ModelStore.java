package io.swapae.jobs.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local model cache: {@code DIR/<name>_pretrained/latest_checkpoint.pth} per model (the layout by which
 * {@link io.swapae.checkpoint.CheckpointLoader} recognises a released model), CLIP models as
 * {@code DIR/<clip name>/} in open_clip's layout, and the downloads in {@code DIR/downloads}. DIR is the one given, else {@code $SWAPAE_MODELS}, else {@code ~/.cache/swapae/models}.
 */
public final class ModelStore {

    /** The environment variable naming the cache folder. */
    public static final String ENV = "SWAPAE_MODELS";
    /** The file name of a cached checkpoint, as in the official archives. */
    public static final String CHECKPOINT = "latest_checkpoint.pth";

    private static final String DOWNLOADS = "downloads";

    private final Path root;
    private final boolean explicit;

    private ModelStore(Path root, boolean explicit) {
        this.root = root.toAbsolutePath().normalize();
        this.explicit = explicit;
    }

    /** The cache in {@code dir}, or where the environment says when {@code dir} is {@code null}. */
    public static ModelStore at(Path dir) {
        return dir != null ? new ModelStore(dir, true)
                : new ModelStore(defaultRoot(System.getenv(), System.getProperty("user.home")), false);
    }

    /** {@code $SWAPAE_MODELS} if set, else {@code HOME/.cache/swapae/models}. */
    static Path defaultRoot(Map<String, String> env, String home) {
        String dir = env.get(ENV);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(home, ".cache", "swapae", "models");
    }

    public Path root() {
        return root;
    }

    /** Where the checkpoint of {@code release} is, or goes. */
    public Path checkpoint(ModelRelease release) {
        return root.resolve(release.folder()).resolve(CHECKPOINT);
    }

    /** Whether the checkpoint of {@code release} is in the cache. */
    public boolean contains(ModelRelease release) {
        return Files.isRegularFile(checkpoint(release));
    }

    /** Where the release archive called {@code archive} is kept once downloaded. */
    public Path archive(String archive) {
        return root.resolve(DOWNLOADS).resolve(archive);
    }

    /** Where the files of the CLIP model {@code release} are, or go. */
    public Path clipFolder(ClipRelease release) {
        return root.resolve(release.name());
    }

    /** Whether every file of the CLIP model {@code release} is in the cache. */
    public boolean contains(ClipRelease release) {
        return release.files().stream().allMatch(f -> Files.isRegularFile(clipFolder(release).resolve(f)));
    }

    /** The command that puts {@code release} into this cache. */
    public String getCommand(ModelRelease release) {
        return "swapae models get " + release.name() + (explicit ? " --dir " + root : "");
    }
}
