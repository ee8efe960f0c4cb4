package io.swapae.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;

/**
 * Loads model weights from an official PyTorch checkpoint or a swapae safetensors file, told apart by content.
 *
 * <p>The architecture comes from, in this order: (a) the safetensors metadata; (b) the official {@code opt.txt}
 * (else {@code opt.json}) next to the file; (c) the {@link ModelPresets preset} named like the file's folder
 * ({@code checkpoints/<name>/latest_checkpoint.pth}) or the file itself ({@code <name>.safetensors});
 * (d) {@link ArchitectureInference inference} from the tensor shapes. The preprocessing comes from the first of
 * (a), (b), (c) that names one, else it is unknown ({@code null}). The tensors are then
 * {@link LayoutCheck#verify verified} against the architecture's layout. Provenance records the file, its format and
 * SHA-256, and where the architecture and preprocessing came from.
 */
public final class CheckpointLoader {

    private static final String INFERRED = "inferred from tensor shapes";
    private static final String METADATA = "safetensors metadata";

    private CheckpointLoader() {
    }

    /** The weights in {@code file}. */
    public static ModelWeights load(Path file) throws CheckpointException {
        WeightsFormat format = WeightsFormat.detect(file);
        String name = String.valueOf(file.getFileName());
        Map<String, String> provenance = new LinkedHashMap<>();
        StateDict tensors;
        Architecture architecture = null;
        Preprocess preprocess = null;
        Fingerprint recorded = null;
        if (format == WeightsFormat.SAFETENSORS) {
            SafetensorsFile f = SafetensorsReader.read(file, CheckpointLoader::isModelKey);
            WeightsMetadata.Decoded d = WeightsMetadata.decode(f.metadata(), name);
            provenance.putAll(d.provenance());
            tensors = f.tensors();
            architecture = d.architecture();
            preprocess = d.preprocess();
            recorded = d.fingerprint();
            if (architecture != null) {
                provenance.putIfAbsent(ModelWeights.ARCHITECTURE_SOURCE, METADATA);
            }
            if (preprocess != null) {
                provenance.putIfAbsent(ModelWeights.PREPROCESS_SOURCE, METADATA);
            }
        } else {
            tensors = PthReader.read(file);
        }
        provenance.put(ModelWeights.FILE, name);
        provenance.put(ModelWeights.FORMAT, format.name().toLowerCase(Locale.ROOT));
        provenance.put(ModelWeights.SHA256, sha256(file));

        Optional<OptionsFile.Found> options = architecture != null && preprocess != null
                ? Optional.empty() : OptionsFile.besides(file);
        Optional<ModelPreset> preset = presetFor(file);
        if (architecture == null) {
            if (options.isPresent()) {
                architecture = fromOptions(options.get());
                provenance.put(ModelWeights.ARCHITECTURE_SOURCE, options.get().path().getFileName().toString());
            } else if (preset.isPresent()) {
                architecture = preset.get().architecture();
                provenance.put(ModelWeights.ARCHITECTURE_SOURCE, "preset " + preset.get().name());
            } else {
                architecture = ArchitectureInference.infer(tensors);
                provenance.put(ModelWeights.ARCHITECTURE_SOURCE, INFERRED);
                provenance.put(ModelWeights.ARCHITECTURE_NOTE, ArchitectureInference.NOTE);
            }
        }
        if (preprocess == null && options.isPresent()) {
            String source = options.get().path().getFileName().toString();
            try {
                preprocess = OptionsFile.preprocess(options.get().options()).orElse(null);
                if (preprocess != null) {
                    provenance.put(ModelWeights.PREPROCESS_SOURCE, source);
                }
            } catch (IllegalArgumentException e) {
                provenance.put(ModelWeights.PREPROCESS_NOTE, source + ": " + SafeText.printable(e.getMessage()));
            }
        }
        if (preprocess == null && preset.isPresent()) {
            preprocess = preset.get().preprocess();
            provenance.put(ModelWeights.PREPROCESS_SOURCE, "preset " + preset.get().name());
        }

        StateDict verified = LayoutCheck.verify(tensors, architecture,
                provenance.get(ModelWeights.ARCHITECTURE_SOURCE));
        Fingerprint fingerprint = Fingerprint.of(verified);
        if (recorded != null && !recorded.equals(fingerprint)) {
            throw new CheckpointException(name + ": tensors have fingerprint " + fingerprint.full()
                    + " but the metadata records " + recorded.full() + "; the file is corrupt or was altered");
        }
        return new ModelWeights(architecture, preprocess, verified, fingerprint, provenance);
    }

    /** Whether {@code key} names an encoder or generator tensor, the only ones inference needs. */
    public static boolean isModelKey(String key) {
        return key.startsWith("E.") || key.startsWith("G.");
    }

    private static Architecture fromOptions(OptionsFile.Found found) throws CheckpointException {
        try {
            return Architecture.fromOptions(found.options());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(found.path().getFileName() + ": " + e.getMessage());
        }
    }

    /** The preset named like the file's folder, else like the file without its extension. */
    private static Optional<ModelPreset> presetFor(Path file) {
        List<String> names = new ArrayList<>();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && parent.getFileName() != null) {
            names.add(parent.getFileName().toString());
        }
        String stem = file.getFileName().toString();
        names.add(stem.contains(".") ? stem.substring(0, stem.lastIndexOf('.')) : stem);
        for (String n : names) {
            for (ModelPreset p : ModelPresets.all()) {
                if (p.name().equals(n)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static String sha256(Path file) throws CheckpointException {
        MessageDigest sha = Fingerprint.sha256Digest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
