package io.swapae.runtime;

import java.util.Locale;

/** The {@code --device} option: where the model runs. */
public enum DeviceChoice {
    /** The GPU Spark assigned to the task when there is one, else the CPU. */
    AUTO,
    /** The CPU, even when the task was assigned a GPU. */
    CPU,
    /** A GPU: the one assigned to the task, or GPU 0 where Spark assigns none (local mode); an error without CUDA. */
    GPU;

    /** Parses {@code auto}, {@code cpu} or {@code gpu} (any case); the message lists the accepted values. */
    public static DeviceChoice parse(String text) {
        for (DeviceChoice c : values()) {
            if (c.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown device '" + text + "'; accepted: cpu, gpu, auto");
    }

    /** The option value, e.g. {@code auto}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
