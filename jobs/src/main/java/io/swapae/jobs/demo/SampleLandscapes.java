package io.swapae.jobs.demo;

import io.swapae.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Procedural landscape pictures for the demo: a sky by time of day (day, sunset, night) with clouds and the sun or
 * the moon and stars, layered mountain ridges (midpoint displacement) with snow caps and aerial haze, a lake that
 * reflects them or a meadow, conifers, and mist on the horizon. The same seed, index and size always give the same
 * pixels (plain arithmetic with {@link StrictMath}; no fonts, no antialiasing).
 */
public final class SampleLandscapes {

    /** The time of day of a picture. */
    enum TimeOfDay { DAY, SUNSET, NIGHT }

    private final int size;
    private final float[] px;
    private final SplittableRandom random;
    private final long noiseSeed;

    private SampleLandscapes(int size, SplittableRandom random) {
        this.size = size;
        this.px = new float[3 * size * size];
        this.random = random;
        this.noiseSeed = random.nextLong();
    }

    /** {@code count} pictures of {@code size}², picture {@code i} being {@link #picture picture(size, seed, i)}. */
    public static List<RgbImage> render(int count, int size, long seed) {
        List<RgbImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(picture(size, seed, i));
        }
        return images;
    }

    /** Picture {@code index} of {@code seed}: consecutive indices cycle through day, sunset and night. */
    public static RgbImage picture(int size, long seed, int index) {
        if (size < 16) {
            throw new IllegalArgumentException("landscape size must be >= 16, got " + size);
        }
        SplittableRandom random = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index));
        TimeOfDay time = TimeOfDay.values()[(int) Math.floorMod(seed + index, 3L)];
        return new SampleLandscapes(size, random).paint(time);
    }

    private RgbImage paint(TimeOfDay time) {
        Palette p = Palette.of(time, random);
        int horizon = (int) (size * (0.56 + 0.12 * random.nextDouble()));
        double sunX = size * (0.15 + 0.7 * random.nextDouble());
        double sunY = time == TimeOfDay.SUNSET ? horizon - size * (0.04 + 0.1 * random.nextDouble())
                : size * (0.1 + 0.18 * random.nextDouble());
        double sunRadius = size * (time == TimeOfDay.SUNSET ? 0.075 : time == TimeOfDay.DAY ? 0.045 : 0.04);
        sky(p, horizon, sunX, sunY, sunRadius, time);
        int layers = 2 + random.nextInt(3);
        for (int k = 0; k < layers; k++) {
            ridge(p, horizon, (layers - 1 - k) / (double) (layers - 1), sunX < size / 2.0 ? -1 : 1);
        }
        boolean lake = random.nextDouble() < 0.6;
        int[] shore = lake ? lake(p, horizon, sunX, sunRadius) : flat(horizon);
        ground(p, horizon, shore, lake);
        trees(p, horizon, shore, sunX < size / 2.0 ? -1 : 1);
        finish(p, horizon);
        return toImage();
    }

    /** Gradient, glow, sun or moon, stars, clouds. */
    private void sky(Palette p, int horizon, double sunX, double sunY, double sunRadius, TimeOfDay time) {
        double cover = 0.15 + 0.75 * random.nextDouble();
        double sigma = size * (time == TimeOfDay.SUNSET ? 0.22 : 0.12);
        for (int y = 0; y < size; y++) {
            double t = Math.min(1, y / (double) horizon);
            float[] base = time == TimeOfDay.SUNSET
                    ? (t < 0.55 ? lerp(p.top, p.middle, t / 0.55) : lerp(p.middle, p.horizon, (t - 0.55) / 0.45))
                    : lerp(p.top, p.horizon, StrictMath.pow(t, 1.4));
            for (int x = 0; x < size; x++) {
                double dx = x - sunX;
                double dy = y - sunY;
                double d2 = dx * dx + dy * dy;
                double glow = d2 < 16 * sigma * sigma ? p.glowStrength * StrictMath.exp(-d2 / (2 * sigma * sigma)) : 0;
                set(x, y, base[0] + (float) (glow * p.glow[0]), base[1] + (float) (glow * p.glow[1]),
                        base[2] + (float) (glow * p.glow[2]));
                double disc = clamp(sunRadius + 0.5 - StrictMath.sqrt(d2), 0, 1);
                if (disc > 0) {
                    blend(x, y, p.sun, disc);
                }
                if (time != TimeOfDay.DAY && y < horizon) {
                    double c = fbm(x / (size * 0.45), y / (size * 0.07), 4);
                    double a = smoothstep(0.52, 0.78, c) * cover * (1 - t * t);
                    blend(x, y, p.cloud, a * (time == TimeOfDay.NIGHT ? 0.5 : 0.85));
                } else if (y < horizon) {
                    double c = fbm(x / (size * 0.35), y / (size * 0.09), 4);
                    double a = smoothstep(0.5, 0.75, c) * cover * (1 - t);
                    float shade = (float) (1 - 0.25 * smoothstep(0.5, 0.9, c));
                    blend(x, y, new float[] {p.cloud[0] * shade, p.cloud[1] * shade, p.cloud[2] * shade}, a);
                }
            }
        }
        if (time == TimeOfDay.NIGHT) {
            int stars = size * size / 300;
            for (int i = 0; i < stars; i++) {
                int x = random.nextInt(size);
                int y = random.nextInt(Math.max(1, horizon));
                double a = random.nextDouble() * (1 - y / (double) horizon);
                blend(x, y, new float[] {1f, 1f, 0.95f}, a);
            }
        }
    }

    /** One mountain ridge; {@code depth} 1 is the farthest, 0 the nearest. */
    private void ridge(Palette p, int horizon, double depth, int lightSide) {
        double[] profile = midpointDisplacement(0.45 + 0.12 * random.nextDouble());
        double amplitude = size * (0.12 + 0.24 * depth) * (0.8 + 0.4 * random.nextDouble());
        boolean snowy = depth > 0.3 && random.nextDouble() < 0.8;
        double snowLevel = 0.55 + 0.2 * random.nextDouble();
        double haze = (0.1 + 0.55 * depth) * (0.7 + 0.5 * random.nextDouble());
        float[] rock = lerp(p.nearRock, p.farRock, depth);
        long layerSeed = random.nextLong();
        double[] top = new double[size];
        for (int x = 0; x < size; x++) {
            top[x] = horizon - amplitude * (0.2 + 0.8 * profile[x]);
        }
        double peak = Arrays.stream(top).min().orElse(0);
        int reach = Math.max(2, size / 24);
        for (int x = 0; x < size; x++) {
            double slope = (top[Math.min(size - 1, x + reach)] - top[Math.max(0, x - reach)]) / (2.0 * reach);
            double shade = clamp(-slope * lightSide * 1.2, -0.3, 0.3);
            double snowLine = horizon - amplitude * (0.2 + 0.8 * snowLevel)
                    + size * 0.05 * (noise(layerSeed, x / (size * 0.03), 0.5) - 0.5);
            for (int y = (int) StrictMath.ceil(top[x]); y < horizon + 2 && y < size; y++) {
                double below = (y - peak) / Math.max(1, horizon - peak);
                double grain = 0.94 + 0.12 * noise(layerSeed, x / (size * 0.02), y / (size * 0.02));
                double light = 1 + shade * StrictMath.exp(-(y - top[x]) / (size * 0.1));
                float f = (float) (light * grain * (1 - 0.2 * below));
                float[] c = snowy && y < snowLine
                        ? new float[] {p.snow[0] * f, p.snow[1] * f, p.snow[2] * f}
                        : new float[] {rock[0] * f, rock[1] * f, rock[2] * f};
                double h = clamp(haze + 0.3 * depth * below * below, 0, 0.95);
                double edge = clamp(y + 1 - top[x], 0, 1);
                blend(x, y, lerp(c, p.horizon, h), edge);
            }
        }
    }

    /** A lake from the horizon down to a wavy shore, reflecting what is above it; returns the shore line. */
    private int[] lake(Palette p, int horizon, double sunX, double sunRadius) {
        int[] shore = new int[size];
        double depth = size * (0.14 + 0.12 * random.nextDouble());
        double phase = random.nextDouble() * 6.283;
        for (int x = 0; x < size; x++) {
            shore[x] = (int) (horizon + depth + size * 0.015 * StrictMath.sin(x / (size * 0.11) + phase)
                    + size * 0.01 * StrictMath.sin(x / (size * 0.037) + 2 * phase));
        }
        for (int y = horizon; y < size; y++) {
            double t = (y - horizon) / depth;
            int ripple = (int) StrictMath.round(1.5 * StrictMath.sin(y * 0.9 + phase) * Math.min(1, t) * size / 256.0);
            int mirrored = Math.max(0, 2 * horizon - y - 1);
            for (int x = 0; x < size; x++) {
                if (y >= shore[x]) {
                    continue;
                }
                int sx = Math.min(size - 1, Math.max(0, x + ripple));
                int i = 3 * (mirrored * size + sx);
                float[] reflected = {px[i] * 0.85f, px[i + 1] * 0.88f, px[i + 2] * 0.92f};
                float[] c = lerp(reflected, p.water, clamp(0.2 + 0.4 * t, 0, 0.7));
                double glint = Math.abs(x - sunX) < sunRadius * (0.5 + t)
                        ? 0.5 * smoothstep(0.62, 0.75, noise(noiseSeed, x / (size * 0.03), y / (size * 0.005))) : 0;
                set(x, y, c[0], c[1], c[2]);
                blend(x, y, p.sun, glint);
            }
        }
        return shore;
    }

    private int[] flat(int horizon) {
        int[] line = new int[size];
        Arrays.fill(line, horizon);
        return line;
    }

    /** Grass from {@code shore} down, hazier towards the horizon. */
    private void ground(Palette p, int horizon, int[] shore, boolean lake) {
        for (int x = 0; x < size; x++) {
            for (int y = Math.max(0, shore[x]); y < size; y++) {
                double t = (y - horizon) / (double) Math.max(1, size - horizon);
                double grain = 0.85 + 0.3 * fbm(x / (size * 0.03), y / (size * 0.012), 2);
                float[] c = lerp(p.farGrass, p.nearGrass, t);
                c = new float[] {c[0] * (float) grain, c[1] * (float) grain, c[2] * (float) grain};
                double mist = lake ? 0 : 0.6 * StrictMath.exp(-(y - horizon) / (size * 0.05));
                set(x, y, lerp(c, p.horizon, mist));
            }
        }
    }

    /** Conifers on the ground, far ones first. */
    private void trees(Palette p, int horizon, int[] shore, int lightSide) {
        int count = 3 + random.nextInt(12);
        double[][] trees = new double[count][];
        for (int i = 0; i < count; i++) {
            double x = random.nextDouble() * size;
            double ground = shore[(int) x];
            double base = ground + size * 0.02 + random.nextDouble() * (size * 1.05 - ground);
            trees[i] = new double[] {x, base, 0.7 + 0.6 * random.nextDouble()};
        }
        Arrays.sort(trees, (a, b) -> Double.compare(a[1], b[1]));
        for (double[] tree : trees) {
            double near = (tree[1] - horizon) / Math.max(1, size - horizon);
            double height = size * (0.05 + 0.14 * near) * tree[2];
            double halfWidth = height * 0.24;
            int top = (int) (tree[1] - height);
            for (int y = Math.max(0, top); y < Math.min(size, (int) tree[1]); y++) {
                double along = (y - top) / height;
                boolean trunk = along > 0.88;
                double tier = (along * 3.2) % 1;
                double half = trunk ? Math.max(0.6, halfWidth * 0.08)
                        : halfWidth * (0.55 * along + 0.45 * tier * along);
                for (int x = (int) (tree[0] - half); x <= (int) (tree[0] + half); x++) {
                    if (x < 0 || x >= size) {
                        continue;
                    }
                    boolean lit = (x - tree[0]) * lightSide > 0;
                    float[] c = trunk ? p.trunk : p.tree;
                    float f = lit ? 1.25f : 0.9f;
                    set(x, y, lerp(new float[] {c[0] * f, c[1] * f, c[2] * f}, p.horizon, 0.35 * (1 - near)));
                }
            }
        }
    }

    /** Mist along the horizon and a soft vignette. */
    private void finish(Palette p, int horizon) {
        double mist = 0.12 + 0.25 * random.nextDouble();
        double band = size * 0.035;
        for (int y = 0; y < size; y++) {
            double m = mist * StrictMath.exp(-StrictMath.pow((y - horizon) / band, 2));
            for (int x = 0; x < size; x++) {
                blend(x, y, p.horizon, m);
                double dx = (x - size / 2.0) / size;
                double dy = (y - size / 2.0) / size;
                float v = (float) (1 - 0.35 * (dx * dx + dy * dy));
                int i = 3 * (y * size + x);
                px[i] *= v;
                px[i + 1] *= v;
                px[i + 2] *= v;
            }
        }
    }

    /** A ridge profile over the width in [0, 1] by midpoint displacement with the given roughness. */
    private double[] midpointDisplacement(double roughness) {
        int n = Integer.highestOneBit(size - 1) << 1;
        double[] h = new double[n + 1];
        h[0] = random.nextDouble();
        h[n] = random.nextDouble();
        double scale = 1;
        for (int step = n; step > 1; step /= 2) {
            for (int i = step / 2; i < n; i += step) {
                h[i] = (h[i - step / 2] + h[i + step / 2]) / 2 + scale * (random.nextDouble() - 0.5);
            }
            scale *= roughness;
        }
        double[] out = Arrays.copyOf(h, size);
        double min = Arrays.stream(out).min().orElse(0);
        double max = Arrays.stream(out).max().orElse(1);
        for (int i = 0; i < size; i++) {
            out[i] = (out[i] - min) / Math.max(1e-9, max - min);
        }
        return out;
    }

    private double fbm(double x, double y, int octaves) {
        double sum = 0;
        double weight = 0;
        double amplitude = 1;
        for (int o = 0; o < octaves; o++) {
            sum += amplitude * noise(noiseSeed + o, x * (1 << o), y * (1 << o));
            weight += amplitude;
            amplitude /= 2;
        }
        return sum / weight;
    }

    /** Smooth value noise in [0, 1]. */
    private static double noise(long seed, double x, double y) {
        int ix = (int) StrictMath.floor(x);
        int iy = (int) StrictMath.floor(y);
        double fx = smooth(x - ix);
        double fy = smooth(y - iy);
        double top = lattice(seed, ix, iy) + fx * (lattice(seed, ix + 1, iy) - lattice(seed, ix, iy));
        double bottom = lattice(seed, ix, iy + 1) + fx * (lattice(seed, ix + 1, iy + 1) - lattice(seed, ix, iy + 1));
        return top + fy * (bottom - top);
    }

    private static double lattice(long seed, int x, int y) {
        return (mix(seed ^ x * 0x9E3779B97F4A7C15L ^ y * 0xC2B2AE3D27D4EB4FL) >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double smoothstep(double from, double to, double v) {
        return smooth(clamp((v - from) / (to - from), 0, 1));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static float[] lerp(float[] a, float[] b, double t) {
        float u = (float) t;
        return new float[] {a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u};
    }

    private void set(int x, int y, float r, float g, float b) {
        int i = 3 * (y * size + x);
        px[i] = r;
        px[i + 1] = g;
        px[i + 2] = b;
    }

    private void set(int x, int y, float[] c) {
        set(x, y, c[0], c[1], c[2]);
    }

    private void blend(int x, int y, float[] c, double alpha) {
        if (alpha <= 0) {
            return;
        }
        int i = 3 * (y * size + x);
        float a = (float) Math.min(1, alpha);
        px[i] += (c[0] - px[i]) * a;
        px[i + 1] += (c[1] - px[i + 1]) * a;
        px[i + 2] += (c[2] - px[i + 2]) * a;
    }

    private RgbImage toImage() {
        byte[] out = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (byte) (int) StrictMath.round(clamp(px[i], 0, 1) * 255);
        }
        return new RgbImage(size, size, out);
    }

    /** The colours of one picture: a time of day's palette, slightly varied. */
    private record Palette(float[] top, float[] middle, float[] horizon, float[] sun, float[] glow,
                           double glowStrength, float[] cloud, float[] farRock, float[] nearRock, float[] snow,
                           float[] water, float[] farGrass, float[] nearGrass, float[] tree, float[] trunk) {

        static Palette of(TimeOfDay time, SplittableRandom r) {
            float warm = (float) (0.92 + 0.16 * r.nextDouble());
            return switch (time) {
                case DAY -> new Palette(rgb(0.18, 0.40, 0.78, warm), rgb(0.45, 0.62, 0.86, warm),
                        rgb(0.72, 0.83, 0.93, warm), rgb(1.0, 0.98, 0.9, 1), rgb(1.0, 0.95, 0.8, 1), 0.35,
                        rgb(0.97, 0.97, 0.98, 1), rgb(0.45, 0.5, 0.6, warm), rgb(0.24, 0.34, 0.2, warm),
                        rgb(0.95, 0.96, 1.0, 1), rgb(0.12, 0.28, 0.38, warm), rgb(0.42, 0.58, 0.26, warm),
                        rgb(0.24, 0.42, 0.13, warm), rgb(0.07, 0.2, 0.09, 1), rgb(0.25, 0.16, 0.08, 1));
                case SUNSET -> new Palette(rgb(0.14, 0.12, 0.36, warm), rgb(0.86, 0.4, 0.34, warm),
                        rgb(1.0, 0.72, 0.38, warm), rgb(1.0, 0.88, 0.6, 1), rgb(1.0, 0.5, 0.2, 1), 0.5,
                        rgb(1.0, 0.6, 0.5, warm), rgb(0.5, 0.32, 0.4, warm), rgb(0.2, 0.14, 0.17, warm),
                        rgb(1.0, 0.8, 0.75, 1), rgb(0.25, 0.15, 0.25, warm), rgb(0.36, 0.3, 0.14, warm),
                        rgb(0.17, 0.15, 0.07, warm), rgb(0.06, 0.08, 0.05, 1), rgb(0.12, 0.07, 0.04, 1));
                case NIGHT -> new Palette(rgb(0.02, 0.03, 0.1, warm), rgb(0.07, 0.1, 0.22, warm),
                        rgb(0.16, 0.2, 0.36, warm), rgb(0.95, 0.95, 0.86, 1), rgb(0.5, 0.6, 0.85, 1), 0.15,
                        rgb(0.18, 0.2, 0.3, 1), rgb(0.2, 0.23, 0.35, warm), rgb(0.08, 0.1, 0.15, warm),
                        rgb(0.7, 0.75, 0.88, 1), rgb(0.05, 0.08, 0.18, warm), rgb(0.09, 0.13, 0.13, warm),
                        rgb(0.05, 0.08, 0.07, warm), rgb(0.03, 0.06, 0.05, 1), rgb(0.04, 0.03, 0.03, 1));
            };
        }

        private static float[] rgb(double r, double g, double b, float warm) {
            return new float[] {(float) r * warm, (float) g, (float) b / warm};
        }
    }
}
