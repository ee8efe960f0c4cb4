package io.swapae.jobs.sequences;

import java.io.Serializable;

/**
 * The codes of one encoded picture, as the codes table holds them.
 *
 * @param id         content id
 * @param source     the picture's URI
 * @param model      fingerprint of the model that made the codes
 * @param preprocess the preprocessing it was encoded with ({@code mode/load_size/crop_size})
 * @param structure  the structure code, flattened C×H×W
 * @param shape      C, H, W of the structure code
 * @param texture    the texture code
 */
record SourceCode(String id, String source, String model, String preprocess, float[] structure, int[] shape,
                  float[] texture) implements Serializable {
}
