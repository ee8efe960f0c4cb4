package io.swapae.jobs.mix;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code --op edit} moves the codes along, validated when built: a component of a direction catalogue, the
 * strengths of the grid's columns in standard deviations of that component, and for a {@code structure-local}
 * catalogue optionally the region of code cells the edit is limited to.
 *
 * @param catalogue the catalogue folder written by {@code swapae directions} ({@code null} for other operations)
 * @param component the component moved along, 0 for the largest variance
 * @param strengths one column per strength, in σ of the component
 * @param region    the code cells edited ({@code null}: all of them)
 */
public record EditOptions(String catalogue, int component, List<Double> strengths, Region region)
        implements Serializable {

    /** The strengths when none are given. */
    public static final List<Double> DEFAULT_STRENGTHS = List.of(-3.0, -1.5, 0.0, 1.5, 3.0);
    /** No catalogue: options for operations other than edit. */
    public static final EditOptions NONE = new EditOptions(null, 0, DEFAULT_STRENGTHS, null);

    /**
     * A rectangle of code cells: columns {@code x0 ≤ x < x1}, rows {@code y0 ≤ y < y1}.
     */
    public record Region(int x0, int y0, int x1, int y1) implements Serializable {

        public Region {
            if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
                throw new IllegalArgumentException("--region must be x0,y0,x1,y1 in code cells with 0 <= x0 < x1 and"
                        + " 0 <= y0 < y1, got " + x0 + "," + y0 + "," + x1 + "," + y1);
            }
        }

        /** The region of {@code --region x0,y0,x1,y1}; {@code null} when none is given. */
        public static Region of(List<Integer> values) {
            if (values == null || values.isEmpty()) {
                return null;
            }
            if (values.size() != 4 || values.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("--region takes four numbers x0,y0,x1,y1 (code cells), got "
                        + values);
            }
            return new Region(values.get(0), values.get(1), values.get(2), values.get(3));
        }

        /**
         * The {@code H × W} (row-major) mask of the region in a structure code of shape {@code [C, H, W]}; refuses a
         * region that does not fit it.
         */
        public boolean[] mask(int[] shape) {
            int height = shape[1];
            int width = shape[2];
            if (x1 > width || y1 > height) {
                throw new IllegalArgumentException("--region " + this + " does not fit a structure code of "
                        + height + "x" + width + " cells: accepted 0 <= x0 < x1 <= " + width + " and 0 <= y0 < y1 <= "
                        + height);
            }
            boolean[] mask = new boolean[height * width];
            for (int y = y0; y < y1; y++) {
                Arrays.fill(mask, y * width + x0, y * width + x1, true);
            }
            return mask;
        }

        /** As recorded in a cell's parameters: {@code [x0, y0, x1, y1]}. */
        public List<Integer> toList() {
            return List.of(x0, y0, x1, y1);
        }

        @Override
        public String toString() {
            return x0 + "," + y0 + "," + x1 + "," + y1;
        }
    }

    public EditOptions {
        if (catalogue != null && catalogue.isBlank()) {
            throw new IllegalArgumentException("--catalogue must be a catalogue folder written by swapae directions,"
                    + " got an empty one");
        }
        if (component < 0) {
            throw new IllegalArgumentException("--component must be >= 0 (0: the largest variance), got "
                    + component);
        }
        if (strengths == null || strengths.isEmpty() || strengths.size() > 64) {
            throw new IllegalArgumentException("--strengths takes 1..64 numbers (σ of the component), got "
                    + (strengths == null ? "none" : strengths.size() + ": " + strengths));
        }
        for (Double s : strengths) {
            if (s == null || !Double.isFinite(s) || Math.abs(s) > 100) {
                throw new IllegalArgumentException("--strengths must be finite numbers in -100..100 (σ of the"
                        + " component), got " + s);
            }
        }
        strengths = List.copyOf(strengths);
    }

    /** As recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("catalogue", catalogue);
        m.put("component", component);
        m.put("strengths", strengths);
        m.put("region", region == null ? null : region.toList());
        return m;
    }
}
