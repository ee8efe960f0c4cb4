package io.swapae.jobs.models;

import io.swapae.checkpoint.CheckpointException;
import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.checkpoint.ModelWeights;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Puts released models into a {@link ModelStore}: downloads the release archive into the cache's downloads folder
 * (where it stays for the other models it holds), extracts the model's checkpoint into a temporary folder of the
 * cache, checks that it loads with its release's architecture, and only then moves it into place in one rename. An
 * archive that is not a zip, is truncated, fails a CRC check or holds a checkpoint that does not load is deleted, so
 * that no later run trusts it.
 */
public final class ModelInstaller {

    /** Where the official release archives are. */
    public static final URI OFFICIAL_BASE_URL = URI.create("http://efrosgans.eecs.berkeley.edu/SwappingAutoencoder/");
    /** The environment variable that replaces {@link #OFFICIAL_BASE_URL} (a mirror). */
    public static final String BASE_URL_ENV = "SWAPAE_MODELS_URL";

    private static final String INCOMING = ".incoming-";

    private final ModelStore store;
    private final URI baseUrl;
    private final ResumableDownload download;

    public ModelInstaller(ModelStore store, URI baseUrl, ResumableDownload download) {
        this.store = store;
        this.baseUrl = withSlash(baseUrl);
        this.download = download;
    }

    /** What {@link #install} did. */
    public record Installed(ModelRelease release, Path checkpoint, boolean alreadyThere, boolean downloaded) {
    }

    /** The base URL given, else {@code $SWAPAE_MODELS_URL}, else the official one. */
    public static URI baseUrl(String given, Map<String, String> env) {
        return InstallFiles.baseUrl(given, env.get(BASE_URL_ENV), OFFICIAL_BASE_URL, "models");
    }

    /** The URL of the release archive called {@code archive}. */
    public URI archiveUrl(String archive) {
        return baseUrl.resolve(archive);
    }

    /** Puts {@code release} into the cache unless it is there; downloads its archive unless it was kept. */
    public Installed install(ModelRelease release) throws IOException {
        Path checkpoint = store.checkpoint(release);
        if (store.contains(release)) {
            return new Installed(release, checkpoint, true, false);
        }
        Path archive = store.archive(release.archive());
        boolean downloaded = !Files.isRegularFile(archive);
        if (downloaded) {
            download.fetch(archiveUrl(release.archive()), archive);
        }
        Files.createDirectories(store.root());
        Path incoming = Files.createTempDirectory(store.root(), INCOMING);
        try {
            Path folder = Files.createDirectories(incoming.resolve(release.folder()));
            Path extracted = folder.resolve(ModelStore.CHECKPOINT);
            try {
                String entry = ReleaseArchive.extractCheckpoint(archive, release.folder(), extracted);
                verify(release, extracted, archive.getFileName() + "!" + entry);
            } catch (ReleaseArchive.CorruptArchiveException | CheckpointException e) {
                Files.deleteIfExists(archive);
                throw new IOException(e.getMessage() + "; the archive was deleted (" + archive
                        + "): run `" + store.getCommand(release) + "` to download it again", e);
            }
            publish(extracted, checkpoint);
        } finally {
            InstallFiles.deleteTree(incoming);
        }
        return new Installed(release, checkpoint, false, downloaded);
    }

    /** Deletes the kept release archive called {@code archive}, if it is there. */
    public void dropArchive(String archive) throws IOException {
        Files.deleteIfExists(store.archive(archive));
    }

    private static void verify(ModelRelease release, Path checkpoint, String name) throws CheckpointException {
        ModelWeights weights;
        try {
            weights = CheckpointLoader.load(checkpoint);
        } catch (CheckpointException e) {
            throw new CheckpointException(name + " does not load: " + e.getMessage(), e);
        }
        if (!weights.architecture().equals(release.preset().architecture())) {
            throw new CheckpointException(name + " has architecture " + weights.architecture()
                    + " but " + release.name() + " is " + release.preset().architecture());
        }
    }

    /** Moves the verified checkpoint into place in one rename (replacing one that a concurrent run put there). */
    private static void publish(Path verified, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + verified + " to " + target + " in one step: " + e.getMessage(), e);
        }
    }

    private static URI withSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }
}
