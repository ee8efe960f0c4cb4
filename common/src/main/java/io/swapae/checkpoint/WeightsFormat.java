package io.swapae.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The weight file formats swapae reads, told apart by content, not by file name. */
public enum WeightsFormat {
    /** An official PyTorch checkpoint: {@code torch.save} in its zip format. */
    PYTORCH_ZIP("PyTorch zip checkpoint"),
    /** A safetensors file, swapae's own weight format. */
    SAFETENSORS("safetensors file");

    /** {@code torch.save}'s legacy format starts with a pickled magic number: protocol 2, LONG1, 0x1950a86a20f9469cfc6c. */
    private static final byte[] LEGACY_MAGIC = {
        (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    private final String description;

    WeightsFormat(String description) {
        this.description = description;
    }

    /** A short description, e.g. "PyTorch zip checkpoint". */
    public String description() {
        return description;
    }

    /** The format of {@code file}; refuses the legacy non-zip PyTorch format and anything else. */
    public static WeightsFormat detect(Path file) throws CheckpointException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = String.valueOf(file.getFileName());
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return PYTORCH_ZIP;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80) {
            if (head.length >= 2 + LEGACY_MAGIC.length
                    && Arrays.equals(head, 2, 2 + LEGACY_MAGIC.length, LEGACY_MAGIC, 0, LEGACY_MAGIC.length)) {
                throw new CheckpointException(name + ": legacy non-zip PyTorch format is not supported; re-save with "
                        + "torch.save(..., _use_new_zipfile_serialization=True)");
            }
            throw new CheckpointException(name + ": a bare pickle stream, not a PyTorch zip checkpoint or safetensors file");
        }
        if (head.length >= 9 && head[8] == '{') {
            return SAFETENSORS;
        }
        throw new CheckpointException(name + ": not a PyTorch zip checkpoint or safetensors file");
    }

    /** Refuses {@code file} unless it is in {@code expected} format. */
    static void requireFormat(Path file, WeightsFormat expected) throws CheckpointException {
        WeightsFormat actual = detect(file);
        if (actual != expected) {
            throw new CheckpointException(file.getFileName() + " is a " + actual.description + ", not a "
                    + expected.description);
        }
    }
}
