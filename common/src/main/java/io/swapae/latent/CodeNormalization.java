package io.swapae.latent;

/**
 * The L2 normalization the official encoder leaves codes in and the generator applies again before decoding
 * ({@code v / sqrt(sum(v²) + 1e-8)}): a texture code over its whole vector, a structure code over its channels at
 * each location. Operations that mix codes (interpolation, blending, resampling) shrink the norm; the generator
 * undoes that by itself, so re-normalizing only matters for codes that are stored or projected onto directions.
 */
public final class CodeNormalization {

    private static final double EPSILON = 1e-8;

    private CodeNormalization() {
    }

    /** A copy of {@code texture} scaled to unit length. */
    public static float[] texture(float[] texture) {
        double sum = 0;
        for (float v : texture) {
            sum += (double) v * v;
        }
        double scale = 1 / Math.sqrt(sum + EPSILON);
        float[] out = new float[texture.length];
        for (int i = 0; i < texture.length; i++) {
            out[i] = (float) (texture[i] * scale);
        }
        return out;
    }

    /** A copy of the structure code {@code C × H × W} (row-major) with the channel vector of every location unit. */
    public static float[] structure(float[] structure, int[] shape) {
        StructureShape s = StructureShape.of(structure, shape);
        int plane = s.plane();
        float[] out = new float[structure.length];
        for (int p = 0; p < plane; p++) {
            double sum = 0;
            for (int c = 0; c < s.channels(); c++) {
                double v = structure[c * plane + p];
                sum += v * v;
            }
            double scale = 1 / Math.sqrt(sum + EPSILON);
            for (int c = 0; c < s.channels(); c++) {
                out[c * plane + p] = (float) (structure[c * plane + p] * scale);
            }
        }
        return out;
    }
}
