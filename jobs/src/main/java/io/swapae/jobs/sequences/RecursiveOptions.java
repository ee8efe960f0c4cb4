package io.swapae.jobs.sequences;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code swapae sequences recursive}, validated when built. A chain starts from a code; each step
 * decodes it into a frame, encodes the frame again with the same model, transforms the structure code (zoom about
 * the centre, rotation, translation in code cells), optionally moves one code along a catalogue direction and drifts
 * the texture, and goes on with the result.
 *
 * @param codes         the codes table, {@code ROOT/codes} of an encode run
 * @param start         code ids (or prefixes of at least 8 hex digits) the chains start from; empty with sample
 * @param sample        this many chains from codes drawn at random (seeded) instead of start (0: no)
 * @param steps         frames per chain
 * @param zoom          magnification per step ({@code > 1} zooms in)
 * @param rotate        rotation per step, degrees counter-clockwise
 * @param translateX    movement per step, code cells to the right
 * @param translateY    movement per step, code cells down
 * @param editCatalogue a direction catalogue written by {@code swapae directions} ({@code null}: no edit)
 * @param editComponent the catalogue's component moved along
 * @param editStrength  standard deviations of the component moved per step
 * @param textureDrift  length of a random (seeded) step added to the texture code per step (0: none)
 * @param reverse       write each chain's frames last first (a zoom in plays as a zoom out)
 */
public record RecursiveOptions(String codes, List<String> start, int sample, int steps, double zoom, double rotate,
                               double translateX, double translateY, String editCatalogue, int editComponent,
                               double editStrength, double textureDrift, boolean reverse) implements Serializable {

    /** The most frames per chain. */
    public static final int MAX_STEPS = 10_000;
    /** The most chains of one run. */
    public static final int MAX_CHAINS = 4096;
    /** The largest zoom per step, and the smallest is its inverse. */
    public static final double MAX_ZOOM = 4;

    public RecursiveOptions {
        if (codes == null || codes.isBlank()) {
            throw new IllegalArgumentException("--codes: the codes table (ROOT/codes of an encode run) is required");
        }
        start = List.copyOf(start == null ? List.of() : start);
        for (String id : start) {
            if (!id.matches("[0-9a-fA-F]{8,}")) {
                throw new IllegalArgumentException("--start takes code ids of the codes table or prefixes of at least"
                        + " 8 hex digits, got '" + id + "'");
            }
        }
        if (sample < 0 || sample > MAX_CHAINS) {
            throw new IllegalArgumentException("--sample must be in 0.." + MAX_CHAINS + " (0: use --start), got "
                    + sample);
        }
        if ((sample > 0) == !start.isEmpty()) {
            throw new IllegalArgumentException("give either --start ID[,ID...] or --sample N, got "
                    + (sample > 0 ? "both" : "neither"));
        }
        if (start.size() > MAX_CHAINS) {
            throw new IllegalArgumentException("--start takes at most " + MAX_CHAINS + " codes, got " + start.size());
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("--steps must be in 1.." + MAX_STEPS + ", got " + steps);
        }
        if (!(zoom >= 1 / MAX_ZOOM && zoom <= MAX_ZOOM)) {
            throw new IllegalArgumentException("--zoom must be in " + 1 / MAX_ZOOM + ".." + MAX_ZOOM
                    + " (magnification per step), got " + zoom);
        }
        if (!Double.isFinite(rotate) || Math.abs(rotate) > 360) {
            throw new IllegalArgumentException("--rotate must be in -360..360 degrees per step, got " + rotate);
        }
        if (!Double.isFinite(translateX) || !Double.isFinite(translateY) || Math.abs(translateX) > 1024
                || Math.abs(translateY) > 1024) {
            throw new IllegalArgumentException("--translate must be DX,DY code cells per step, each in -1024..1024,"
                    + " got " + translateX + "," + translateY);
        }
        if (editCatalogue != null && editCatalogue.isBlank()) {
            throw new IllegalArgumentException("--edit-catalogue: a catalogue folder is required after the option");
        }
        if (editComponent < 0) {
            throw new IllegalArgumentException("--edit-component must be 0 or more, got " + editComponent);
        }
        if (!Double.isFinite(editStrength) || Math.abs(editStrength) > 100) {
            throw new IllegalArgumentException("--edit-strength must be in -100..100 standard deviations per step,"
                    + " got " + editStrength);
        }
        if (editCatalogue == null && editStrength != 0) {
            throw new IllegalArgumentException("--edit-strength " + editStrength + " needs --edit-catalogue CAT");
        }
        if (!(textureDrift >= 0 && textureDrift <= 10)) {
            throw new IllegalArgumentException("--texture-drift must be in 0..10 (length of the step per frame), got "
                    + textureDrift);
        }
    }

    /** Options for chains from {@code start} ids, {@code steps} frames each, with no transform, edit or drift. */
    public static RecursiveOptions of(String codes, List<String> start, int steps) {
        return new RecursiveOptions(codes, start, 0, steps, 1, 0, 0, 0, null, 0, 0, 0, false);
    }

    /** These options with another zoom, rotation and translation per step. */
    public RecursiveOptions withTransform(double magnification, double degrees, double dx, double dy) {
        return new RecursiveOptions(codes, start, sample, steps, magnification, degrees, dx, dy, editCatalogue,
                editComponent, editStrength, textureDrift, reverse);
    }

    /** These options with the frames written last first, or not. */
    public RecursiveOptions withReverse(boolean reversed) {
        return new RecursiveOptions(codes, start, sample, steps, zoom, rotate, translateX, translateY, editCatalogue,
                editComponent, editStrength, textureDrift, reversed);
    }

    /** The options as recorded in {@code _run.json} and in each chain's params. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codes", codes);
        m.put("start", start);
        m.put("sample", sample);
        m.put("steps", steps);
        m.put("zoom", zoom);
        m.put("rotate", rotate);
        m.put("translate", List.of(translateX, translateY));
        m.put("edit_catalogue", editCatalogue);
        m.put("edit_component", editComponent);
        m.put("edit_strength", editStrength);
        m.put("texture_drift", textureDrift);
        m.put("reverse", reverse);
        return m;
    }
}
