package io.swapae.model;

/**
 * How the network is computed. Both give the official numbers; the parity tests prove the fast one against the
 * official fixtures and against the reference one.
 */
public enum ComputePath {
    /**
     * What the jobs run: modulated convolutions as input scaling + one shared-weight convolution, stride-2 transposed
     * convolutions as four phase convolutions, FIR filters as depthwise convolutions, strided where only every second
     * output is used.
     */
    FAST,
    /** The operations as the official code writes them: per-sample grouped convolutions, zero-insertion transposed convolutions. */
    REFERENCE
}
