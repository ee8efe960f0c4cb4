package io.swapae.runtime;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/** The floating-point precision a model computes in; codes and images are float32 in both. */
public enum Precision {
    /** float32: the official numbers. */
    FP32(DataType.FLOAT32),
    /**
     * float16 weights and convolutions, with the codes' and styles' normalization in float32: half the weight memory,
     * results within about 1e-3 (relative L2) of FP32. Meant for GPUs: on CPU it runs, but more slowly than FP32.
     */
    FP16(DataType.FLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The engine type the network computes in. */
    public DataType dataType() {
        return dataType;
    }

    /** Parses {@code fp32} or {@code fp16} (any case). */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + text + "'; accepted: fp32, fp16");
    }

    /** The option value, e.g. {@code fp16}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
