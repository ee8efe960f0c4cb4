package io.swapae.runtime;

import ai.djl.Device;
import java.util.Locale;

/** The floating-point precision a model computes in. */
public enum Precision {
    /** float32: the official numbers; the only precision on CPU. */
    FP32,
    /** float16: GPU only (half-precision tensors on CPU have aborted the JVM); results differ from FP32. */
    FP16;

    /** Parses {@code fp32} or {@code fp16} (any case). */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + text + "'; accepted: fp32, fp16");
    }

    /** Refuses a precision the device cannot run. */
    public void checkSupportedOn(Device device) throws DeviceException {
        if (this != FP32 && !device.isGpu()) {
            throw new DeviceException(this + " needs a GPU, but the model would run on " + device
                    + ": half precision on CPU is refused (it has aborted the JVM); use --precision fp32");
        }
    }

    /** The option value, e.g. {@code fp16}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
