package io.swapae.runtime;

/**
 * The codes of one image: its original size, the structure code (row-major C×H×W, shape in
 * {@code structureShape}) and the texture code.
 */
public record Encoded<T>(T input, String source, int width, int height, float[] structure, int[] structureShape,
                         float[] texture) implements EncodeResult<T> {
}
