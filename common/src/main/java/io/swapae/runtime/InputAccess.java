package io.swapae.runtime;

import java.io.IOException;

/** How a pipeline gets at the inputs of a partition, whatever they are (rows, URIs, files): a name and the bytes. */
public interface InputAccess<T> {

    /** Where {@code input} came from, as outputs record it (a URI). */
    String source(T input);

    /** The encoded image bytes of {@code input}; an {@link IOException} makes it a {@link Stage#READ} failure. */
    byte[] bytes(T input) throws IOException;
}
