package io.swapae.jobs.augment;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A soft half-plane over the cells of a structure code: the donor's weight at a cell rises from 0 to 1 across a
 * straight line, as a logistic ramp of the cell centre's signed distance to it.
 *
 * <p>Coordinates are in cells, about the code's centre, x to the right and y down. The line's normal points at
 * {@code angleDegrees} from the x axis towards the y axis; the line lies {@code offset} cells from the centre along
 * it; the donor's weight is {@code 1 / (1 + exp(-d / softness))} where {@code d} is the distance beyond the line
 * along the normal, so the donor fills the side the normal points to.
 *
 * @param angleDegrees direction of the line's normal, in [0, 360)
 * @param offset       signed distance of the line from the centre, in cells
 * @param softness     width of the ramp, in cells (&gt; 0)
 */
public record HalfPlaneMask(double angleDegrees, double offset, double softness) implements Serializable {

    /** The line lies at most this fraction of the code's shorter side from its centre. */
    static final double MAX_OFFSET = 0.25;
    /** Bounds of the drawn softness, in cells. */
    static final double MIN_SOFTNESS = 0.5;
    static final double MAX_SOFTNESS = 2.0;

    public HalfPlaneMask {
        if (!(softness > 0) || !Double.isFinite(angleDegrees) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("a half-plane mask needs a finite angle and offset and a positive"
                    + " softness, got angle " + angleDegrees + ", offset " + offset + ", softness " + softness);
        }
    }

    /** A mask drawn from {@code random} for a code of {@code height × width} cells. */
    static HalfPlaneMask draw(Random random, int height, int width) {
        double angle = 360 * random.nextDouble();
        double offset = (2 * random.nextDouble() - 1) * MAX_OFFSET * Math.min(height, width);
        double softness = MIN_SOFTNESS + (MAX_SOFTNESS - MIN_SOFTNESS) * random.nextDouble();
        return new HalfPlaneMask(angle, offset, softness);
    }

    /** The donor's weight at each cell of a {@code height × width} code, row-major, in [0, 1]. */
    double[] donorWeights(int height, int width) {
        double radians = Math.toRadians(angleDegrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double[] weights = new double[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double d = (x + 0.5 - width / 2.0) * cos + (y + 0.5 - height / 2.0) * sin - offset;
                weights[y * width + x] = 1 / (1 + Math.exp(-d / softness));
            }
        }
        return weights;
    }

    /** The mask as recorded in a variant's parameters, with the donor's mean weight over the code. */
    Map<String, Object> describe(int height, int width) {
        double share = 0;
        for (double w : donorWeights(height, width)) {
            share += w;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "half-plane");
        m.put("angle_degrees", angleDegrees);
        m.put("offset_cells", offset);
        m.put("softness_cells", softness);
        m.put("donor_share", share / (height * width));
        return m;
    }
}
