package io.swapae.jobs.sequences;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code swapae sequences train-ride}, validated when built: the structure codes of several pictures
 * joined side by side into one long strip with feathered seams, seen through a window that slides along it.
 *
 * @param codes               the codes table, {@code ROOT/codes} of an encode run
 * @param ids                 code ids (or prefixes of at least 8 hex digits) left to right; empty with sample
 * @param sample              this many codes drawn at random (seeded) instead of ids (0: no)
 * @param frames              frames of the ride
 * @param speed               pixels the window moves per frame
 * @param seam                code columns over which neighbouring pictures cross-fade
 * @param interpolateTextures the texture moves from picture to picture along the strip (else the first one's)
 * @param margin              code columns decoded on each side of a tile of the strip and cropped away, so the
 *                            generator sees the strip's context at the tile's edges
 */
public record TrainRideOptions(String codes, List<String> ids, int sample, int frames, int speed, int seam,
                               boolean interpolateTextures, int margin) implements Serializable {

    /** The most pictures on one strip. */
    public static final int MAX_PICTURES = 1024;
    /** The most frames of one ride. */
    public static final int MAX_FRAMES = 100_000;

    public TrainRideOptions {
        if (codes == null || codes.isBlank()) {
            throw new IllegalArgumentException("--codes: the codes table (ROOT/codes of an encode run) is required");
        }
        ids = List.copyOf(ids == null ? List.of() : ids);
        for (String id : ids) {
            if (!id.matches("[0-9a-fA-F]{8,}")) {
                throw new IllegalArgumentException("--ids takes code ids of the codes table or prefixes of at least"
                        + " 8 hex digits, got '" + id + "'");
            }
        }
        if (sample < 0 || sample > MAX_PICTURES) {
            throw new IllegalArgumentException("--sample must be in 0.." + MAX_PICTURES + " (0: use --ids), got "
                    + sample);
        }
        if ((sample > 0) == !ids.isEmpty()) {
            throw new IllegalArgumentException("give either --ids a,b,c... or --sample N, got "
                    + (sample > 0 ? "both" : "neither"));
        }
        if (ids.size() > MAX_PICTURES) {
            throw new IllegalArgumentException("--ids takes at most " + MAX_PICTURES + " codes, got " + ids.size());
        }
        if (frames < 1 || frames > MAX_FRAMES) {
            throw new IllegalArgumentException("--frames must be in 1.." + MAX_FRAMES + ", got " + frames);
        }
        if (speed < 0 || speed > 4096) {
            throw new IllegalArgumentException("--speed must be in 0..4096 pixels per frame, got " + speed);
        }
        if (seam < 0) {
            throw new IllegalArgumentException("--seam must be 0 or more code columns, got " + seam);
        }
        if (margin < 0 || margin > 64) {
            throw new IllegalArgumentException("--margin must be in 0..64 code columns, got " + margin);
        }
    }

    /** Options for a ride over {@code ids}, with seams of 2 columns, the first texture and margins of 2 columns. */
    public static TrainRideOptions of(String codes, List<String> ids, int frames, int speed) {
        return new TrainRideOptions(codes, ids, 0, frames, speed, 2, false, 2);
    }

    /** The options as recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codes", codes);
        m.put("ids", ids);
        m.put("sample", sample);
        m.put("frames", frames);
        m.put("speed", speed);
        m.put("seam", seam);
        m.put("interpolate_textures", interpolateTextures);
        m.put("margin", margin);
        return m;
    }
}
