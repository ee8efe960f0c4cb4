package io.swapae.jobs.models;

import io.swapae.clip.ClipConfig;
import io.swapae.clip.ClipWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Puts CLIP models into a {@link ModelStore}: downloads each file of the release into the cache's downloads folder
 * (resuming an interrupted download), checks that the config reads and that the weights fit it and load, and only
 * then moves the folder into place in one rename. Files that do not load are deleted, so that no later run trusts
 * them.
 */
public final class ClipInstaller {

    /** Where the CLIP releases are: a Hugging Face server. */
    public static final URI HUGGING_FACE = URI.create("https://huggingface.co/");
    /** The environment variable that replaces {@link #HUGGING_FACE} (a mirror with the same layout). */
    public static final String BASE_URL_ENV = "SWAPAE_CLIP_URL";

    private static final String INCOMING = ".incoming-";

    private final ModelStore store;
    private final URI baseUrl;
    private final ResumableDownload download;

    public ClipInstaller(ModelStore store, URI baseUrl, ResumableDownload download) {
        this.store = store;
        this.baseUrl = baseUrl;
        this.download = download;
    }

    /** What {@link #install} did. */
    public record Installed(ClipRelease release, Path folder, boolean alreadyThere) {
    }

    /** The base URL given, else {@code $SWAPAE_CLIP_URL}, else Hugging Face. */
    public static URI baseUrl(String given, Map<String, String> env) {
        return InstallFiles.baseUrl(given, env.get(BASE_URL_ENV), HUGGING_FACE, "CLIP");
    }

    /** The URL of {@code file} of {@code release}. */
    public URI url(ClipRelease release, String file) {
        return release.url(baseUrl, file);
    }

    /** Where the downloads of {@code release} are kept until they are verified. */
    public Path downloads(ClipRelease release) {
        return store.archive(release.name());
    }

    /** Puts {@code release} into the cache unless it is there. */
    public Installed install(ClipRelease release) throws IOException {
        Path target = store.clipFolder(release);
        if (store.contains(release)) {
            return new Installed(release, target, true);
        }
        Path downloads = downloads(release);
        for (String file : release.files()) {
            Path local = downloads.resolve(file);
            if (!Files.isRegularFile(local)) {
                download.fetch(url(release, file), local);
            }
        }
        try {
            verify(downloads);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            for (String file : release.files()) {
                Files.deleteIfExists(downloads.resolve(file));
            }
            throw new IOException(release.name() + " does not load: " + e.getMessage() + "; its downloads were"
                    + " deleted (" + downloads + "): run `swapae models get " + release.name()
                    + "` to download them again", e);
        }
        Files.createDirectories(store.root());
        Path incoming = Files.createTempDirectory(store.root(), INCOMING);
        try {
            Path verified = incoming.resolve(release.name());
            Files.move(downloads, verified, StandardCopyOption.ATOMIC_MOVE);
            InstallFiles.deleteTree(target);
            try {
                Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + verified + " to " + target + " in one step: "
                        + e.getMessage(), e);
            }
        } finally {
            InstallFiles.deleteTree(incoming);
        }
        return new Installed(release, target, false);
    }

    /** Refuses a folder whose config does not read or whose weights do not fit it. */
    private static void verify(Path folder) throws IOException {
        ClipConfig config = ClipConfig.fromOpenClip(folder.resolve("open_clip_config.json"));
        ClipWeights.check(ClipWeights.read(folder.resolve("open_clip_model.safetensors")), config);
    }
}
