package io.swapae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the generator's per-layer noise comes from. The official generator draws fresh noise on each call; swapae
 * makes it reproducible: {@link #seeded} derives each output's noise from (seed, output id, layer), so an output is
 * the same whatever the batch it is generated in and whatever executor runs it.
 */
public abstract class Noise {

    private Noise() {
    }

    /**
     * The noise of {@code layer} (index in forward order) for a batch, shape {@code [batch or 1, 1, h, w]}, owned by
     * {@code manager}; {@code null} when no noise is injected.
     */
    abstract NDArray layer(int layer, int batch, int h, int w, NDManager manager);

    /** The noise of outputs {@code from} (inclusive) to {@code to} (exclusive) of a batch of {@code batch}. */
    abstract Noise slice(int from, int to, int batch);

    /** No noise at all (every noise injection skipped): deterministic decoding. */
    public static Noise none() {
        return new Noise() {
            @Override
            NDArray layer(int layer, int batch, int h, int w, NDManager manager) {
                return null;
            }

            @Override
            Noise slice(int from, int to, int batch) {
                return this;
            }
        };
    }

    /** Per-output noise: output {@code i} of a batch gets the noise of {@code outputIds[i]} under {@code seed}. */
    public static Noise seeded(long seed, long... outputIds) {
        long[] ids = outputIds.clone();
        return new Noise() {
            @Override
            NDArray layer(int layer, int batch, int h, int w, NDManager manager) {
                if (ids.length != batch) {
                    throw new IllegalArgumentException("seeded noise has " + ids.length + " output ids for a batch of " + batch);
                }
                float[] values = new float[batch * h * w];
                for (int i = 0; i < batch; i++) {
                    gaussian(seed, ids[i], layer, values, i * h * w, h * w);
                }
                return manager.create(values, new Shape(batch, 1, h, w));
            }

            @Override
            Noise slice(int from, int to, int batch) {
                return seeded(seed, Arrays.copyOfRange(ids, from, to));
            }
        };
    }

    /** One noise field per layer shared by every output of a batch (as after the official {@code fix_noise()}). */
    public static Noise shared(long seed) {
        return new Noise() {
            @Override
            NDArray layer(int layer, int batch, int h, int w, NDManager manager) {
                float[] values = new float[h * w];
                gaussian(seed, Long.MIN_VALUE, layer, values, 0, h * w);
                return manager.create(values, new Shape(1, 1, h, w));
            }

            @Override
            Noise slice(int from, int to, int batch) {
                return this;
            }
        };
    }

    /**
     * Given tensors, one per noise layer in forward order, each {@code [batch or 1, 1, h, w]} as float32 row-major
     * values (e.g. the official fixtures' saved noise).
     */
    public static Noise explicit(List<float[]> values, List<long[]> shapes) {
        if (values.size() != shapes.size()) {
            throw new IllegalArgumentException(values.size() + " noise tensors but " + shapes.size() + " shapes");
        }
        return new Noise() {
            @Override
            NDArray layer(int layer, int batch, int h, int w, NDManager manager) {
                if (layer >= values.size()) {
                    throw new IllegalArgumentException("explicit noise has " + values.size() + " layers, layer "
                            + layer + " was asked for");
                }
                long[] s = shapes.get(layer);
                if (s.length != 4 || (s[0] != batch && s[0] != 1) || s[1] != 1 || s[2] != h || s[3] != w) {
                    throw new IllegalArgumentException("explicit noise of layer " + layer + " has shape "
                            + new Shape(s) + ", expected (" + batch + " or 1, 1, " + h + ", " + w + ")");
                }
                return manager.create(values.get(layer), new Shape(s));
            }

            @Override
            Noise slice(int from, int to, int batch) {
                List<float[]> slicedValues = new ArrayList<>();
                List<long[]> slicedShapes = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    long[] s = shapes.get(i);
                    if (s.length == 4 && s[0] == batch && batch > 1) {
                        int per = (int) (s[1] * s[2] * s[3]);
                        slicedValues.add(Arrays.copyOfRange(values.get(i), from * per, to * per));
                        slicedShapes.add(new long[] {to - from, s[1], s[2], s[3]});
                    } else {
                        slicedValues.add(values.get(i));
                        slicedShapes.add(s);
                    }
                }
                return explicit(slicedValues, slicedShapes);
            }
        };
    }

    /** Standard normal values from SplitMix64 + Box-Muller: fixed by (seed, output, layer), independent of the JDK. */
    static void gaussian(long seed, long output, int layer, float[] out, int offset, int count) {
        long state = mix(mix(mix(seed) ^ output) ^ (layer * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
        for (int i = 0; i < count; i += 2) {
            state += 0x9E3779B97F4A7C15L;
            double u1 = ((mix(state) >>> 11) + 1) * 0x1.0p-53;
            state += 0x9E3779B97F4A7C15L;
            double u2 = (mix(state) >>> 11) * 0x1.0p-53;
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            out[offset + i] = (float) (r * StrictMath.cos(2 * Math.PI * u2));
            if (i + 1 < count) {
                out[offset + i + 1] = (float) (r * StrictMath.sin(2 * Math.PI * u2));
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
