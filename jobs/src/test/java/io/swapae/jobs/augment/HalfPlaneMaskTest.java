package io.swapae.jobs.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfPlaneMaskTest {

    @Test
    void theDonorFillsTheSideTheNormalPointsTo() {
        double[] w = new HalfPlaneMask(0, 0, 0.5).donorWeights(4, 6);
        for (int y = 0; y < 4; y++) {
            assertThat(w[y * 6]).as("left edge").isLessThan(0.01);
            assertThat(w[y * 6 + 5]).as("right edge").isGreaterThan(0.99);
            assertThat(w[y * 6 + 2] + w[y * 6 + 3]).as("symmetric about the centre").isCloseTo(1, within());
        }
        double[] down = new HalfPlaneMask(90, 0, 0.5).donorWeights(4, 6);
        assertThat(down[0]).isLessThan(0.1);
        assertThat(down[3 * 6]).isGreaterThan(0.9);
    }

    @Test
    void anOffsetMovesTheLineAlongTheNormal() {
        double[] centred = new HalfPlaneMask(0, 0, 1).donorWeights(1, 8);
        double[] moved = new HalfPlaneMask(0, 2, 1).donorWeights(1, 8);
        for (int x = 0; x < 8; x++) {
            assertThat(moved[x]).isLessThan(centred[x]);
        }
        assertThat(moved[5] + moved[6]).as("the line lies between cells 5 and 6").isCloseTo(1, within());
    }

    @Test
    void drawnMasksStayInTheirBounds() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            HalfPlaneMask m = HalfPlaneMask.draw(random, 8, 16);
            assertThat(m.angleDegrees()).isBetween(0.0, 360.0);
            assertThat(Math.abs(m.offset())).isLessThanOrEqualTo(2.0);
            assertThat(m.softness()).isBetween(0.5, 2.0);
            for (double w : m.donorWeights(8, 16)) {
                assertThat(w).isBetween(0.0, 1.0);
            }
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
