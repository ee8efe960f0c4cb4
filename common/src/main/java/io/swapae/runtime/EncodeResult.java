package io.swapae.runtime;

/** The outcome for one input of an encode: its {@link Encoded codes}, or why it was {@link Rejected}. */
public sealed interface EncodeResult<T> permits Encoded, Rejected {

    /** The input as the partition iterator gave it. */
    T input();

    /** Where the input came from. */
    String source();
}
