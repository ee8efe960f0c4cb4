package io.swapae.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the tensors of an official PyTorch checkpoint ({@code torch.save(state_dict)} in the zip format:
 * {@code <top>/data.pkl}, {@code <top>/data/<key>}, {@code <top>/version}; the top folder name varies) without Python.
 * The pickle goes through a restricted unpickler; only the tensors whose keys are asked for are materialised, so the
 * storage records of the others ({@code D.*}, {@code Dpatch.*}, counters) are never read. The file is hostile input
 * until proven otherwise: unsafe entry names, unknown pickle globals, storages shorter than their tensors and absurd
 * shapes are refused with a one-line {@link CheckpointException}.
 */
public final class PthReader {

    private PthReader() {
    }

    /** The tensors of the encoder and generator ({@code E.*}, {@code G.*}), in file order. */
    public static StateDict read(Path file) throws CheckpointException {
        return read(file, key -> key.startsWith("E.") || key.startsWith("G."));
    }

    /** The tensors whose keys {@code keys} accepts, in file order; entries of other keys are not read. */
    public static StateDict read(Path file, Predicate<String> keys) throws CheckpointException {
        WeightsFormat.requireFormat(file, WeightsFormat.PYTORCH_ZIP);
        try (ZipFile zip = open(file)) {
            String top = topFolder(zip);
            checkByteOrder(zip, top);
            Object root = TorchUnpickler.unpickle(readPickle(zip, top));
            if (!(root instanceof Map<?, ?> dict)) {
                throw new CheckpointException("data.pkl holds no state dict (a dict of tensors)");
            }
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new CheckpointException("state dict has a key that is not a string");
                }
                if (!keys.test(key)) {
                    continue;
                }
                if (!(e.getValue() instanceof PickledTensor t)) {
                    throw new CheckpointException(SafeText.printable(key) + ": not a tensor");
                }
                tensors.put(key, materialise(zip, top, key, t));
            }
            return new StateDict(tensors);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static ZipFile open(Path file) throws CheckpointException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CheckpointException("not a readable zip archive (truncated or corrupt): " + file.getFileName()
                    + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CheckpointException("cannot open " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Checks every entry name and returns the one top folder that holds {@code data.pkl}. */
    private static String topFolder(ZipFile zip) throws CheckpointException {
        List<String> pickles = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            checkEntryName(name);
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                pickles.add(name.substring(0, slash));
            }
        }
        if (pickles.size() != 1) {
            throw new CheckpointException(pickles.isEmpty()
                    ? "zip archive has no <folder>/data.pkl: not a PyTorch checkpoint"
                    : "zip archive has " + pickles.size() + " data.pkl records: not a single PyTorch checkpoint");
        }
        return pickles.get(0);
    }

    private static void checkEntryName(String name) throws CheckpointException {
        String n = name.replace('\\', '/');
        boolean unsafe = n.isEmpty() || n.startsWith("/") || n.indexOf('\0') >= 0
                || (n.length() > 1 && n.charAt(1) == ':');
        for (String part : n.split("/")) {
            unsafe |= part.equals("..");
        }
        if (unsafe) {
            throw new CheckpointException("unsafe entry name '" + SafeText.printable(name) + "' in checkpoint zip");
        }
    }

    /** Newer PyTorch records the byte order of the storages; only little-endian is read. */
    private static void checkByteOrder(ZipFile zip, String top) throws IOException {
        ZipEntry entry = zip.getEntry(top + "/byteorder");
        if (entry == null) {
            return;
        }
        String order = new String(readAtMost(zip, entry, 16), StandardCharsets.US_ASCII).trim();
        if (!order.equals("little")) {
            throw new CheckpointException("checkpoint storages are '" + SafeText.printable(order)
                    + "'-endian; only little-endian is supported");
        }
    }

    private static byte[] readPickle(ZipFile zip, String top) throws IOException {
        ZipEntry entry = zip.getEntry(top + "/data.pkl");
        if (entry.getSize() > TorchUnpickler.MAX_PICKLE_BYTES) {
            throw new CheckpointException("data.pkl is " + entry.getSize() + " bytes, more than the limit of "
                    + TorchUnpickler.MAX_PICKLE_BYTES);
        }
        return readAtMost(zip, entry, TorchUnpickler.MAX_PICKLE_BYTES + 1);
    }

    private static byte[] readAtMost(ZipFile zip, ZipEntry entry, int limit) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readNBytes(limit);
        }
    }

    /** Reads the elements of {@code t} from its storage record, in row-major order whatever its strides. */
    private static TensorData materialise(ZipFile zip, String top, String key, PickledTensor t) throws IOException {
        String k = SafeText.printable(key);
        TorchStorage storage = t.storage();
        TensorData.DType dtype = storage.dtype();
        long bytes = TensorLimits.byteSize(k, dtype, t.size());
        long count = bytes / dtype.bytes();
        if (t.stride().length != t.size().length) {
            throw new CheckpointException(k + ": " + t.stride().length + " strides for " + t.size().length + " dimensions");
        }
        long extent = extent(k, t, count);
        String record = "data/" + storage.key();
        ZipEntry entry = zip.getEntry(top + "/" + record);
        if (entry == null) {
            throw new CheckpointException(k + ": storage record " + record + " is missing");
        }
        if (extent > storage.numel()) {
            throw new CheckpointException(k + ": needs elements up to " + extent + " of storage " + record
                    + ", which declares " + storage.numel());
        }
        if (storage.numel() > entry.getSize() / dtype.bytes()) {
            throw new CheckpointException(k + ": storage record " + record + " holds " + entry.getSize()
                    + " bytes, fewer than the " + storage.numel() + " " + dtype + " elements it declares");
        }
        if (count == 0) {
            return new TensorData(key, dtype, t.size().clone(), ByteBuffer.allocate(0));
        }
        boolean contiguous = isContiguous(t.size(), t.stride());
        long first = t.offset() * dtype.bytes();
        long length = contiguous ? bytes : (extent - t.offset()) * dtype.bytes();
        if (length > TensorLimits.MAX_BYTES) {
            throw new CheckpointException(k + ": strided view spans " + length + " bytes, more than the limit of "
                    + TensorLimits.MAX_BYTES);
        }
        byte[] raw;
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(first);
            raw = in.readNBytes((int) length);
        } catch (EOFException e) {
            raw = new byte[0];
        }
        if (raw.length < length) {
            throw new CheckpointException(k + ": storage record " + record + " ends before the "
                    + (first + length) + " bytes the tensor needs");
        }
        ByteBuffer data = contiguous ? ByteBuffer.wrap(raw) : gather(raw, t.size(), t.stride(), dtype.bytes(), count);
        return new TensorData(key, dtype, t.size().clone(), data.order(ByteOrder.LITTLE_ENDIAN));
    }

    /** One past the last storage element the view touches (0 for an empty tensor); refuses negative or huge strides. */
    private static long extent(String key, PickledTensor t, long count) throws CheckpointException {
        if (t.offset() < 0) {
            throw new CheckpointException(key + ": negative storage offset " + t.offset());
        }
        long extent = count == 0 ? 0 : t.offset() + 1;
        for (int i = 0; i < t.size().length; i++) {
            if (t.stride()[i] < 0) {
                throw new CheckpointException(key + ": negative stride in " + Arrays.toString(t.stride()));
            }
            if (count > 0) {
                try {
                    extent = Math.addExact(extent, Math.multiplyExact(t.size()[i] - 1, t.stride()[i]));
                } catch (ArithmeticException e) {
                    throw new CheckpointException(key + ": strides " + Arrays.toString(t.stride()) + " are out of range");
                }
            }
        }
        return extent;
    }

    /** Whether {@code stride} is the row-major stride of {@code size} (dimensions of size 1 may have any stride). */
    static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    /** Copies a strided view (starting at element 0 of {@code raw}) into row-major order. */
    private static ByteBuffer gather(byte[] raw, long[] size, long[] stride, int elementBytes, long count) {
        byte[] out = new byte[(int) (count * elementBytes)];
        int rank = size.length;
        long[] index = new long[rank];
        long source = 0;
        for (long n = 0; n < count; n++) {
            System.arraycopy(raw, (int) (source * elementBytes), out, (int) (n * elementBytes), elementBytes);
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                source += stride[d];
                if (index[d] < size[d]) {
                    break;
                }
                source -= stride[d] * size[d];
                index[d] = 0;
            }
        }
        return ByteBuffer.wrap(out);
    }
}
