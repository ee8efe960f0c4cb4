package io.swapae.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * A restricted unpickler for the {@code data.pkl} record of a PyTorch zip checkpoint. It resolves only the globals
 * a state dict needs ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_parameter}, the {@code torch.*Storage} types) to inert Java values, never Pyrolite's
 * built-in constructors, and refuses any other global, any call of something that is not one of those, and the
 * opcodes that build arbitrary objects ({@code INST}, {@code OBJ}, {@code NEWOBJ}, extensions, out-of-band buffers).
 * Storages become {@link TorchStorage} references and tensors {@link PickledTensor} views: no tensor bytes are read.
 */
final class TorchUnpickler extends Unpickler {

    /**
     * The largest {@code data.pkl} accepted. Real ones are a few hundred kilobytes; the limit also bounds the objects
     * a hostile pickle can make (at most one per byte).
     */
    static final int MAX_PICKLE_BYTES = 8 << 20;

    /** The most digits of a text-encoded integer (Python's own default limit): parsing longer ones is quadratic. */
    private static final int MAX_INTEGER_DIGITS = 4300;

    private static final Map<String, TensorData.DType> STORAGE_TYPES = Map.ofEntries(
            Map.entry("torch.FloatStorage", TensorData.DType.F32),
            Map.entry("torch.DoubleStorage", TensorData.DType.F64),
            Map.entry("torch.HalfStorage", TensorData.DType.F16),
            Map.entry("torch.BFloat16Storage", TensorData.DType.BF16),
            Map.entry("torch.LongStorage", TensorData.DType.I64),
            Map.entry("torch.IntStorage", TensorData.DType.I32),
            Map.entry("torch.ShortStorage", TensorData.DType.I16),
            Map.entry("torch.CharStorage", TensorData.DType.I8),
            Map.entry("torch.ByteStorage", TensorData.DType.U8),
            Map.entry("torch.BoolStorage", TensorData.DType.BOOL));

    private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /** {@code collections.OrderedDict}: a dict that keeps insertion order and may carry attributes (set by BUILD). */
    static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** A storage type global; it is only ever a value inside a persistent id, never called. */
    private record StorageType(String global, TensorData.DType dtype) {
    }

    /** The callable globals. */
    private enum Callable implements IObjectConstructor {
        ORDERED_DICT("collections.OrderedDict"),
        REBUILD_TENSOR_V2("torch._utils._rebuild_tensor_v2"),
        REBUILD_PARAMETER("torch._utils._rebuild_parameter"),
        REBUILD_PARAMETER_WITH_STATE("torch._utils._rebuild_parameter_with_state");

        private final String global;

        Callable(String global) {
            this.global = global;
        }

        @Override
        public Object construct(Object[] args) {
            switch (this) {
                case ORDERED_DICT:
                    if (args.length != 0) {
                        throw new Refused("collections.OrderedDict is called with arguments; a state dict is filled item by item");
                    }
                    return new OrderedDict();
                case REBUILD_TENSOR_V2:
                    return rebuildTensor(args);
                default:
                    if (args.length < 1 || !(args[0] instanceof PickledTensor)) {
                        throw new Refused(global + " is called without a tensor");
                    }
                    return args[0];
            }
        }

        /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
        private static PickledTensor rebuildTensor(Object[] args) {
            if (args.length != 6 && args.length != 7) {
                throw new Refused("torch._utils._rebuild_tensor_v2 is called with " + args.length + " arguments, expected 6 or 7");
            }
            if (!(args[0] instanceof TorchStorage storage)) {
                throw new Refused("torch._utils._rebuild_tensor_v2 is called without a storage");
            }
            return new PickledTensor(storage, toLong(args[1], "storage offset"), toLongs(args[2], "size"),
                    toLongs(args[3], "stride"));
        }
    }

    /** A refusal or malformation found while unpickling; turned into a {@link CheckpointException} with its message. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private TorchUnpickler() {
    }

    /**
     * Unpickles {@code pickle} into plain values: {@link OrderedDict} / {@link Map}, {@link List}, {@code Object[]}
     * (tuples), numbers, strings, booleans, {@code null}, {@link PickledTensor}.
     */
    static Object unpickle(byte[] pickle) throws CheckpointException {
        if (pickle.length > MAX_PICKLE_BYTES) {
            throw new CheckpointException("data.pkl is " + pickle.length + " bytes, more than the limit of " + MAX_PICKLE_BYTES);
        }
        TorchUnpickler unpickler = new TorchUnpickler();
        try {
            return unpickler.loads(pickle);
        } catch (Refused e) {
            throw new CheckpointException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("malformed data.pkl: " + oneLine(e));
        } finally {
            unpickler.close();
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL: {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL: {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String) || !(name instanceof String)) {
                    throw new Refused("malformed data.pkl: STACK_GLOBAL without module and name strings");
                }
                stack.add(resolve((String) module, (String) name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST: {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                throw new Refused("refused pickle global '" + SafeText.printable(module + "." + name)
                        + "' (INST): a state dict never builds class instances");
            }
            case Opcodes.LONG:
                stack.add(textLong(PickleUtils.readline(input)));
                return NO_RETURN_VALUE;
            case Opcodes.REDUCE:
                reduce();
                return NO_RETURN_VALUE;
            case Opcodes.BUILD:
                build();
                return NO_RETURN_VALUE;
            case Opcodes.SETITEMS:
                setItems();
                return NO_RETURN_VALUE;
            case Opcodes.OBJ:
            case Opcodes.NEWOBJ:
            case Opcodes.NEWOBJ_EX:
            case Opcodes.EXT1:
            case Opcodes.EXT2:
            case Opcodes.EXT4:
            case Opcodes.PERSID:
            case Opcodes.NEXT_BUFFER:
            case Opcodes.READONLY_BUFFER:
                throw new Refused("refused pickle opcode 0x" + Integer.toHexString(key)
                        + ": a state dict does not need it");
            case Opcodes.BINSTRING:
            case Opcodes.BINUNICODE:
            case Opcodes.BINBYTES:
            case Opcodes.LONG4:
                checkLength(4);
                break;
            case Opcodes.BINUNICODE8:
            case Opcodes.BINBYTES8:
            case Opcodes.BYTEARRAY8:
                checkLength(8);
                break;
            default:
                break;
        }
        return super.dispatch(key);
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
            throw new Refused("refused persistent id in data.pkl: only ('storage', type, key, location, numel) is allowed");
        }
        if (!(t[1] instanceof StorageType type)) {
            throw new Refused("persistent storage id names no storage type");
        }
        if (!(t[2] instanceof String key) || !STORAGE_KEY.matcher(key).matches()) {
            throw new Refused("invalid storage key '" + SafeText.printable(String.valueOf(t[2])) + "' in data.pkl");
        }
        return new TorchStorage(key, type.dtype(), toLong(t[4], "storage numel"));
    }

    private static Object resolve(String module, String name) {
        String global = module + "." + name;
        for (Callable c : Callable.values()) {
            if (c.global.equals(global)) {
                return c;
            }
        }
        TensorData.DType dtype = STORAGE_TYPES.get(global);
        if (dtype != null) {
            return new StorageType(global, dtype);
        }
        throw new Refused("refused pickle global '" + SafeText.printable(global)
                + "': a state dict needs only collections.OrderedDict, torch tensor rebuilds and torch storage types");
    }

    private void reduce() {
        Object args = stack.pop();
        Object callable = stack.pop();
        if (callable instanceof StorageType type) {
            throw new Refused("refused call of " + type.global() + ": storages come only from persistent ids");
        }
        if (!(callable instanceof Callable c)) {
            throw new Refused("refused call of a " + typeName(callable) + ": only whitelisted globals may be called");
        }
        if (!(args instanceof Object[] a)) {
            throw new Refused("malformed data.pkl: " + c.global + " is called with a " + typeName(args) + " instead of a tuple");
        }
        stack.add(c.construct(a));
    }

    /** BUILD: accepted only on an OrderedDict, whose attributes ({@code _metadata}: module versions) are not needed. */
    private void build() {
        stack.pop();
        Object target = stack.peek();
        if (!(target instanceof OrderedDict)) {
            throw new Refused("refused BUILD of a " + typeName(target) + ": only an OrderedDict's attributes are accepted");
        }
    }

    /** SETITEMS keeping the pickled order (Pyrolite's own collects the items in a hash map first). */
    @SuppressWarnings("unchecked")
    private void setItems() {
        List<Object> items = stack.pop_all_since_marker();
        Object target = stack.peek();
        if (!(target instanceof Map) || items.size() % 2 != 0) {
            throw new Refused("malformed data.pkl: SETITEMS on a " + typeName(target));
        }
        Map<Object, Object> dict = (Map<Object, Object>) target;
        for (int i = 0; i < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
        }
    }

    /** Refuses a length prefix that runs past the end of the pickle before Pyrolite allocates a buffer for it. */
    private void checkLength(int width) throws IOException {
        input.mark(width);
        byte[] b = input.readNBytes(width);
        input.reset();
        if (b.length < width) {
            throw new Refused("malformed data.pkl: premature end of file");
        }
        long n = 0;
        for (int i = width - 1; i >= 0; i--) {
            n = (n << 8) | (b[i] & 0xff);
        }
        if (width == 4) {
            n = (int) n;
        }
        if (n < 0 || n > input.available() - width) {
            throw new Refused("malformed data.pkl: a length of " + n + " bytes runs past the end of the pickle");
        }
    }

    private static Object textLong(String text) {
        String digits = text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        if (digits.length() > MAX_INTEGER_DIGITS) {
            throw new Refused("malformed data.pkl: an integer of " + digits.length() + " digits");
        }
        return PickleUtils.optimizeBigint(new BigInteger(digits));
    }

    private static long toLong(Object value, String what) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            throw new Refused("tensor " + what + " " + value + " is out of range");
        }
        throw new Refused("tensor " + what + " is a " + typeName(value) + ", not an integer");
    }

    private static long[] toLongs(Object value, String what) {
        if (!(value instanceof Object[] t)) {
            throw new Refused("tensor " + what + " is a " + typeName(value) + ", not a tuple");
        }
        if (t.length > TensorLimits.MAX_RANK) {
            throw new Refused("tensor " + what + " has " + t.length + " dimensions, more than the limit of " + TensorLimits.MAX_RANK);
        }
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = toLong(t[i], what);
        }
        return out;
    }

    private static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[]) {
            return "tuple";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof PickledTensor) {
            return "tensor";
        }
        if (o instanceof TorchStorage) {
            return "storage";
        }
        return o.getClass().getSimpleName();
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return SafeText.printable(m.lines().findFirst().orElse(m));
    }
}
