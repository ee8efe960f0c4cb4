package io.swapae.guidance;

import java.io.Serializable;

/**
 * How codes are guided, validated when built: every message names the option, the value found and what is accepted.
 *
 * @param target        which codes change
 * @param steps         Adam steps (0: the codes are returned unchanged)
 * @param learningRate  Adam's step size, in units of the unit-length codes
 * @param lambda        weight of {@code ||code - original||²} in the loss: larger keeps closer to the original
 * @param cutouts       random square cutouts of the picture CLIP sees per step
 * @param cutoutSize    smallest cutout side as a fraction of the picture's shorter side (1: the whole picture)
 * @param seed          seed of the cutouts (the noise's seed is the job's)
 * @param snapshotEvery keep the codes every this many steps (0: none)
 * @param region        the part of the picture whose structure may change ({@code null}: all of it)
 */
public record GuidanceSettings(GuidanceTarget target, int steps, double learningRate, double lambda, int cutouts,
                               double cutoutSize, long seed, int snapshotEvery, GuidanceRegion region)
        implements Serializable {

    /** Weight of the distance to a negative prompt, subtracted from the loss. */
    public static final double NEGATIVE_WEIGHT = 0.5;

    public GuidanceSettings {
        if (target == null) {
            throw new IllegalArgumentException("--target is required: texture, structure or both");
        }
        if (steps < 0 || steps > 10_000) {
            throw new IllegalArgumentException("--steps must be in 0..10000, got " + steps);
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("--lr must be in (0, 10], got " + learningRate);
        }
        if (!(lambda >= 0 && lambda <= 1e6)) {
            throw new IllegalArgumentException("--lambda must be in 0..1e6, got " + lambda);
        }
        if (cutouts < 1 || cutouts > 64) {
            throw new IllegalArgumentException("--cutouts must be in 1..64, got " + cutouts);
        }
        if (!(cutoutSize > 0 && cutoutSize <= 1)) {
            throw new IllegalArgumentException("--cutout-size must be in (0, 1] (a fraction of the shorter side), got "
                    + cutoutSize);
        }
        if (snapshotEvery < 0 || (steps > 0 && snapshotEvery > steps)) {
            throw new IllegalArgumentException("--strip-every must be in 0.." + steps + " (0: no strip; at most"
                    + " --steps), got " + snapshotEvery);
        }
        if (region != null && !target.structure()) {
            throw new IllegalArgumentException("--region limits the structure code: it needs --target structure or"
                    + " both, got --target " + target.label());
        }
    }

    /** These settings with another number of steps. */
    public GuidanceSettings withSteps(int n) {
        return new GuidanceSettings(target, n, learningRate, lambda, cutouts, cutoutSize, seed,
                Math.min(snapshotEvery, n), region);
    }
}
