package io.swapae.latent;

/**
 * A geometric transform of a structure code's {@code H × W} grid (zoom, rotation, translation, flips), built by
 * chaining steps and applied as one affine map, so a chain resamples the code once. Coordinates are cell centres,
 * {@code x} to the right and {@code y} down, zoom, rotation and flips about the grid's centre. Each channel is
 * resampled bilinearly; samples that fall outside the grid are taken by the {@link Border} policy. The result is
 * not re-normalized (bilinear mixing shortens channel vectors slightly; the generator re-normalizes them, see
 * {@link CodeNormalization}). A chain that composes to the identity returns the code unchanged.
 */
public final class StructureTransform {

    /** What a sample outside the grid reads. */
    public enum Border {
        /**
         * The grid mirrored about its outer edges (cell {@code -1} reads cell {@code 0}, {@code -2} reads {@code 1}):
         * content continues without the streaks of a repeated edge. The default.
         */
        REFLECT,
        /** The nearest edge cell. */
        CLAMP
    }

    private static final StructureTransform IDENTITY = new StructureTransform(1, 0, 0, 0, 1, 0);

    // output = (a·x + b·y + tx, c·x + d·y + ty), in cell units relative to the grid centre
    private final double a;
    private final double b;
    private final double tx;
    private final double c;
    private final double d;
    private final double ty;

    private StructureTransform(double a, double b, double tx, double c, double d, double ty) {
        this.a = a;
        this.b = b;
        this.tx = tx;
        this.c = c;
        this.d = d;
        this.ty = ty;
    }

    /** The transform that leaves the code as it is. */
    public static StructureTransform identity() {
        return IDENTITY;
    }

    /** Then magnify by {@code factor} about the centre ({@code > 1} zooms in, {@code < 1} out). */
    public StructureTransform zoom(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("zoom factor must be a finite number > 0, got " + factor);
        }
        return then(factor, 0, 0, 0, factor, 0);
    }

    /**
     * Then rotate by {@code degrees} about the centre, counter-clockwise as the image is seen. Multiples of 90° are
     * exact.
     */
    public StructureTransform rotate(double degrees) {
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException("rotation must be a finite number of degrees, got " + degrees);
        }
        double cos;
        double sin;
        double turns = degrees / 90;
        if (turns == Math.rint(turns)) {
            int quarter = Math.floorMod((long) turns, 4);
            cos = new double[] {1, 0, -1, 0}[quarter];
            sin = new double[] {0, 1, 0, -1}[quarter];
        } else {
            double radians = Math.toRadians(degrees);
            cos = Math.cos(radians);
            sin = Math.sin(radians);
        }
        // counter-clockwise on screen with y down
        return then(cos, sin, 0, -sin, cos, 0);
    }

    /** Then move the content by {@code dx} cells right and {@code dy} cells down (fractions allowed). */
    public StructureTransform translate(double dx, double dy) {
        if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
            throw new IllegalArgumentException("translation must be finite, got (" + dx + ", " + dy + ")");
        }
        return then(1, 0, dx, 0, 1, dy);
    }

    /** Then mirror left and right. */
    public StructureTransform flipHorizontal() {
        return then(-1, 0, 0, 0, 1, 0);
    }

    /** Then mirror top and bottom. */
    public StructureTransform flipVertical() {
        return then(1, 0, 0, 0, -1, 0);
    }

    /** Whether this transform maps every cell onto itself. */
    public boolean isIdentity() {
        return a == 1 && b == 0 && tx == 0 && c == 0 && d == 1 && ty == 0;
    }

    /** The structure code {@code C × H × W} (row-major) transformed, with {@link Border#REFLECT}. */
    public float[] apply(float[] structure, int[] shape) {
        return apply(structure, shape, Border.REFLECT);
    }

    /** The structure code {@code C × H × W} (row-major) transformed, same shape, outside reads by {@code border}. */
    public float[] apply(float[] structure, int[] shape, Border border) {
        StructureShape s = StructureShape.of(structure, shape);
        if (isIdentity()) {
            return structure.clone();
        }
        int height = s.height();
        int width = s.width();
        int plane = s.plane();
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        double det = a * d - b * c;
        if (!(Math.abs(det) > 0) || Double.isInfinite(det)) {
            throw new IllegalArgumentException("the chained zooms scale the grid by " + Math.sqrt(Math.abs(det))
                    + ", too small or too large to resample");
        }
        // inverse map: where each output cell samples the input
        double ia = d / det;
        double ib = -b / det;
        double ic = -c / det;
        double id = a / det;
        float[] out = new float[structure.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double ox = x - cx - tx;
                double oy = y - cy - ty;
                double sx = fold(ia * ox + ib * oy + cx, width, border);
                double sy = fold(ic * ox + id * oy + cy, height, border);
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                int x0c = clamp(x0, width);
                int x1c = clamp(x0 + 1, width);
                int y0c = clamp(y0, height);
                int y1c = clamp(y0 + 1, height);
                for (int ch = 0, base = 0; ch < s.channels(); ch++, base += plane) {
                    double top = lerp(structure[base + y0c * width + x0c], structure[base + y0c * width + x1c], fx);
                    double bottom = lerp(structure[base + y1c * width + x0c], structure[base + y1c * width + x1c],
                            fx);
                    out[base + y * width + x] = (float) lerp(top, bottom, fy);
                }
            }
        }
        return out;
    }

    private StructureTransform then(double na, double nb, double ntx, double nc, double nd, double nty) {
        return new StructureTransform(
                na * a + nb * c, na * b + nb * d, na * tx + nb * ty + ntx,
                nc * a + nd * c, nc * b + nd * d, nc * tx + nd * ty + nty);
    }

    /** {@code v} folded into the grid's span {@code [-0.5, n - 0.5]} by the border policy. */
    private static double fold(double v, int n, Border border) {
        if (border == Border.CLAMP || n == 1) {
            return Math.max(0, Math.min(n - 1, v));
        }
        double period = 2.0 * n;
        double u = (v + 0.5) % period;
        if (u < 0) {
            u += period;
        }
        return (u < n ? u : period - u) - 0.5;
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    private static double lerp(double p, double q, double t) {
        return t == 0 ? p : p + (q - p) * t;
    }
}
