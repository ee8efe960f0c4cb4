package io.swapae.checkpoint;

import java.util.Arrays;

/** Bounds on one tensor read from an untrusted file, so a hostile header cannot make the reader allocate absurd memory. */
final class TensorLimits {

    /** At most 2^31 - 1 elements per tensor. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE;

    /** At most this many bytes per tensor: what one heap buffer can hold. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8L;

    /** At most this many dimensions per tensor. */
    static final int MAX_RANK = 16;

    private TensorLimits() {
    }

    /** The byte size of a tensor of {@code shape}; refuses negative dimensions, overflow and tensors over the limits. */
    static long byteSize(String name, TensorData.DType dtype, long[] shape) throws CheckpointException {
        if (shape.length > MAX_RANK) {
            throw new CheckpointException(name + ": " + shape.length + " dimensions, more than the limit of " + MAX_RANK);
        }
        long elements = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new CheckpointException(name + ": negative dimension in shape " + Arrays.toString(shape));
            }
            if (d != 0 && elements > MAX_ELEMENTS / d) {
                throw new CheckpointException(name + ": shape " + Arrays.toString(shape) + " has more than "
                        + MAX_ELEMENTS + " elements");
            }
            elements *= d;
        }
        long bytes = elements * dtype.bytes();
        if (bytes > MAX_BYTES) {
            throw new CheckpointException(name + ": shape " + Arrays.toString(shape) + " of " + dtype + " is " + bytes
                    + " bytes, more than the limit of " + MAX_BYTES);
        }
        return bytes;
    }
}
