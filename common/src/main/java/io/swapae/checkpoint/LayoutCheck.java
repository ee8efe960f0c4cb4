package io.swapae.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swapae.model.Architecture;
import io.swapae.model.ParameterLayout;

/**
 * Checks encoder and generator tensors against the {@link ParameterLayout} of an architecture: every expected key
 * present, every shape equal, no unexpected {@code E.*} / {@code G.*} key, floating-point values only.
 */
public final class LayoutCheck {

    private static final int NAMES_SHOWN = 5;

    private LayoutCheck() {
    }

    /**
     * The {@code E.*} and {@code G.*} tensors of {@code tensors} in the layout's official order, or an error naming the
     * first problem: {@code "<key>: checkpoint has [a, b], architecture expects [c, d]"}, the missing keys, or the
     * unexpected ones. {@code source} says where the architecture came from, for the message.
     */
    public static StateDict verify(StateDict tensors, Architecture architecture, String source) throws CheckpointException {
        String from = " (architecture from " + source + ")";
        Map<String, ParameterLayout.Entry> layout = ParameterLayout.of(architecture).byKey();
        List<String> missing = new ArrayList<>();
        Map<String, TensorData> ordered = new LinkedHashMap<>();
        for (ParameterLayout.Entry e : layout.values()) {
            TensorData t = tensors.asMap().get(e.key());
            if (t == null) {
                missing.add(e.key());
                continue;
            }
            if (!Arrays.equals(t.shape(), e.shape())) {
                throw new CheckpointException(e.key() + ": checkpoint has " + Arrays.toString(t.shape())
                        + ", architecture expects " + Arrays.toString(e.shape()) + from);
            }
            if (!isFloat(t.dtype())) {
                throw new CheckpointException(e.key() + ": checkpoint has a " + t.dtype() + " tensor, expected floating point");
            }
            ordered.put(e.key(), t);
        }
        if (!missing.isEmpty()) {
            throw new CheckpointException("checkpoint lacks " + missing.size() + " tensor(s) the architecture expects: "
                    + names(missing) + from);
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : tensors.keys()) {
            if ((key.startsWith("E.") || key.startsWith("G.")) && !layout.containsKey(key)) {
                unexpected.add(key);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new CheckpointException("checkpoint has " + unexpected.size() + " tensor(s) the architecture does not: "
                    + names(unexpected) + from);
        }
        return new StateDict(ordered);
    }

    private static boolean isFloat(TensorData.DType d) {
        return d == TensorData.DType.F32 || d == TensorData.DType.F16 || d == TensorData.DType.BF16
                || d == TensorData.DType.F64;
    }

    private static String names(List<String> keys) {
        List<String> shown = new ArrayList<>();
        for (String k : keys.subList(0, Math.min(NAMES_SHOWN, keys.size()))) {
            shown.add(SafeText.printable(k));
        }
        return String.join(", ", shown) + (keys.size() > NAMES_SHOWN ? ", ..." : "");
    }
}
