package io.swapae.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds checkpoint zips the way {@code torch.save} lays them out ({@code <top>/data.pkl} with an OrderedDict of
 * {@code _rebuild_tensor_v2} calls on persistent storages, {@code <top>/data/<key>}, {@code <top>/version}), with
 * knobs for every way a hostile file can differ.
 */
public final class TorchZip {

    /** One pickled tensor: a view into the storage {@code storageKey}. */
    record Tensor(String key, String storageType, String storageKey, long numel, long offset, long[] size, long[] stride) {
    }

    private final String top;
    private final List<Tensor> tensors = new ArrayList<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, Boolean> deflated = new LinkedHashMap<>();
    private byte[] pickle;
    private int nextStorage;

    public TorchZip(String top) {
        this.top = top;
    }

    /** A contiguous float32 tensor with its own storage record. */
    public TorchZip floats(String key, long[] shape, float... values) {
        String storage = Integer.toString(nextStorage++);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        entries.put(top + "/data/" + storage, b.array());
        return tensor(new Tensor(key, "FloatStorage", storage, values.length, 0, shape, rowMajor(shape)));
    }

    /** A pickled tensor, whatever its storage record holds (or whether there is one). */
    TorchZip tensor(Tensor t) {
        tensors.add(t);
        return this;
    }

    /** A record {@code <top>/<name>}. */
    TorchZip record(String name, byte[] data) {
        return entry(top + "/" + name, data);
    }

    /** A zip entry with any name. */
    TorchZip entry(String name, byte[] data) {
        entries.put(name, data);
        return this;
    }

    /** Writes entry {@code name} compressed instead of stored. */
    TorchZip deflate(String name) {
        deflated.put(name, true);
        return this;
    }

    /** Replaces the state dict pickle. */
    TorchZip pickle(byte[] bytes) {
        this.pickle = bytes;
        return this;
    }

    /** The data.pkl of the tensors, as torch writes it (an OrderedDict with _metadata set by BUILD). */
    byte[] statePickle() {
        PickleBytes p = new PickleBytes().proto(2).global("collections", "OrderedDict").emptyTuple().reduce().mark();
        for (Tensor t : tensors) {
            p.str(t.key()).global("torch._utils", "_rebuild_tensor_v2")
                    .mark()
                    .mark().str("storage").global("torch", t.storageType()).str(t.storageKey()).str("cpu")
                    .integer(t.numel()).tuple().persistentId()
                    .integer(t.offset()).ints(t.size()).ints(t.stride()).newFalse()
                    .global("collections", "OrderedDict").emptyTuple().reduce()
                    .tuple().reduce();
        }
        p.setItems();
        p.emptyDict().str("_metadata").global("collections", "OrderedDict").emptyTuple().reduce()
                .str("").emptyDict().str("version").integer(1).setItem().setItem().setItem().build();
        return p.stop().bytes();
    }

    public Path write(Path file) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(top + "/data.pkl", pickle != null ? pickle : statePickle());
        all.putAll(entries);
        all.putIfAbsent(top + "/version", "3\n".getBytes());
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflated.containsKey(e.getKey())) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    static long[] rowMajor(long[] shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        return stride;
    }
}
