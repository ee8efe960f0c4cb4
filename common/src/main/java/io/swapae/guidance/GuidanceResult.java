package io.swapae.guidance;

import java.util.List;

/**
 * What guiding one pair gave: the final codes (re-normalised as the encoder leaves them), the CLIP loss before each
 * step and after the last one ({@code steps + 1} values; the last one scored with the first step's cutouts, so it
 * compares with the first), and the codes every few steps when asked for.
 *
 * @param structure the final structure code, flattened C×H×W
 * @param texture   the final texture code
 * @param losses    the CLIP loss at each step, then the final one
 * @param snapshots the codes at steps 0, K, 2K, … and the last step ({@code K = snapshotEvery}); empty when not asked
 */
public record GuidanceResult(float[] structure, float[] texture, float[] losses, List<Snapshot> snapshots) {

    /** The codes after {@code step} steps. */
    public record Snapshot(int step, float[] structure, float[] texture) {
    }

    public GuidanceResult {
        snapshots = List.copyOf(snapshots);
    }

    /** The CLIP loss of the final codes. */
    public float finalLoss() {
        return losses[losses.length - 1];
    }
}
