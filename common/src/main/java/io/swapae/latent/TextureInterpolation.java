package io.swapae.latent;

/**
 * Paths between two texture codes: linear (lerp) or along the great circle (slerp), sampled in any number of steps.
 * The first step is the first code and the last step the second, both returned unchanged; the steps between are
 * optionally re-normalized to unit length (see {@link CodeNormalization}). Slerp falls back to lerp when the codes are
 * (nearly) parallel or antiparallel, or one of them is zero, where the great circle is undefined.
 */
public final class TextureInterpolation {

    /** Below this sine of the angle between the codes slerp is taken as lerp. */
    static final double PARALLEL_SINE = 1e-6;

    private TextureInterpolation() {
    }

    /** {@code steps ≥ 2} codes evenly spaced on the straight line from {@code from} to {@code to}. */
    public static float[][] lerp(float[] from, float[] to, int steps, boolean renormalize) {
        return path(from, to, steps, renormalize, false);
    }

    /** {@code steps ≥ 2} codes evenly spaced in angle on the great circle from {@code from} to {@code to}. */
    public static float[][] slerp(float[] from, float[] to, int steps, boolean renormalize) {
        return path(from, to, steps, renormalize, true);
    }

    /** The point at fraction {@code t ∈ [0, 1]} of the straight line from {@code from} to {@code to}. */
    public static float[] lerp(float[] from, float[] to, double t) {
        checkPair(from, to);
        checkFraction(t);
        return mix(from, to, 1 - t, t);
    }

    /**
     * The point at fraction {@code t ∈ [0, 1]} of the angle from {@code from} to {@code to}; the norm moves smoothly
     * between the two codes' norms, so unit codes stay unit.
     */
    public static float[] slerp(float[] from, float[] to, double t) {
        checkPair(from, to);
        checkFraction(t);
        double dot = 0;
        double fromSq = 0;
        double toSq = 0;
        for (int i = 0; i < from.length; i++) {
            dot += (double) from[i] * to[i];
            fromSq += (double) from[i] * from[i];
            toSq += (double) to[i] * to[i];
        }
        double norms = Math.sqrt(fromSq * toSq);
        double cos = norms == 0 ? 1 : Math.max(-1, Math.min(1, dot / norms));
        double angle = Math.acos(cos);
        double sin = Math.sin(angle);
        if (sin < PARALLEL_SINE) {
            return mix(from, to, 1 - t, t);
        }
        return mix(from, to, Math.sin((1 - t) * angle) / sin, Math.sin(t * angle) / sin);
    }

    private static float[][] path(float[] from, float[] to, int steps, boolean renormalize, boolean spherical) {
        checkPair(from, to);
        if (steps < 2) {
            throw new IllegalArgumentException("an interpolation needs at least 2 steps (both ends), got " + steps);
        }
        float[][] out = new float[steps][];
        out[0] = from.clone();
        out[steps - 1] = to.clone();
        for (int i = 1; i < steps - 1; i++) {
            double t = (double) i / (steps - 1);
            float[] code = spherical ? slerp(from, to, t) : lerp(from, to, t);
            out[i] = renormalize ? CodeNormalization.texture(code) : code;
        }
        return out;
    }

    private static float[] mix(float[] from, float[] to, double a, double b) {
        float[] out = new float[from.length];
        for (int i = 0; i < from.length; i++) {
            out[i] = (float) (a * from[i] + b * to[i]);
        }
        return out;
    }

    private static void checkPair(float[] from, float[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("texture codes of different sizes cannot be interpolated: "
                    + from.length + " and " + to.length + " values");
        }
    }

    private static void checkFraction(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("interpolation fraction must be in [0, 1], got " + t);
        }
    }
}
