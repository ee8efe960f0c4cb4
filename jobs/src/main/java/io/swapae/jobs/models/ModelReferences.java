package io.swapae.jobs.models;

import io.swapae.jobs.runtime.CheckpointSource;
import io.swapae.jobs.storage.ObjectStorage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * What a {@code --model} value names: a released model by name ({@code mountain} or {@code mountain_pretrained}),
 * taken from the local model cache; a checkpoint file on this machine; or a checkpoint behind a Hadoop URI
 * ({@code s3a://}, {@code hdfs://}, {@code file://}). An existing file wins over a model of the same name.
 */
public final class ModelReferences {

    private static final Pattern WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:/.*");

    private final ModelCatalogue catalogue;
    private final ModelStore store;

    public ModelReferences(ModelCatalogue catalogue, ModelStore store) {
        this.catalogue = catalogue;
        this.store = store;
    }

    /** The official models, cached in {@code modelsDir} (or where the environment says when {@code null}). */
    public static ModelReferences official(Path modelsDir) {
        return new ModelReferences(ModelCatalogue.official(), ModelStore.at(modelsDir));
    }

    /** The checkpoint {@code reference} names; refuses a missing file or an uncached model, saying what to do. */
    public CheckpointSource resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("a model is a released model's name, a checkpoint path or a URI; got '"
                    + reference + "'");
        }
        if (WITH_SCHEME.matcher(reference).matches()) {
            try {
                return CheckpointSource.uri(new URI(reference));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("model '" + reference + "' is not a valid URI: " + e.getMessage());
            }
        }
        Path path;
        try {
            path = Path.of(reference);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("model '" + reference + "' is not a valid path: " + e.getMessage());
        }
        if (Files.isRegularFile(path)) {
            return CheckpointSource.path(path);
        }
        Optional<ModelRelease> release = catalogue.find(reference);
        if (release.isPresent()) {
            ModelRelease r = release.get();
            if (!store.contains(r)) {
                throw new IllegalArgumentException("the model " + r.name() + " is not in the model cache "
                        + store.root() + ": get it with `" + store.getCommand(r) + "`");
            }
            return CheckpointSource.path(store.checkpoint(r));
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("model '" + reference + "' is a folder; give the checkpoint file in it");
        }
        throw new IllegalArgumentException("model '" + reference + "': no such file, and not a released model ("
                + catalogue.names() + ")");
    }

    /** The checkpoint {@code reference} names as a file here; a URI is copied with the default Hadoop settings. */
    public Path localFile(String reference) throws IOException {
        return resolve(reference).localFile(ObjectStorage.configure(new Configuration(), ObjectStorage.Options.none()));
    }
}
