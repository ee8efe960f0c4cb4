package io.swapae.jobs.mix;

/**
 * A source of a mix grid, as the codes table holds it.
 *
 * @param id         its content id
 * @param uri        the source picture
 * @param model      fingerprint of the model that encoded it
 * @param preprocess the preprocessing the model saw it with, {@code mode/load_size/crop_size}
 * @param structure  the structure code, flattened C×H×W
 * @param shape      C, H, W of the structure code
 * @param texture    the texture code
 */
record MixSource(String id, String uri, String model, String preprocess, float[] structure, int[] shape,
                 float[] texture) {
}
