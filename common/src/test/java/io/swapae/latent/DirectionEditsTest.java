package io.swapae.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DirectionEditsTest {

    @Test
    void movingByZeroKeepsTheCode() {
        float[] code = {0.5f, -1f, 2f};
        assertThat(DirectionEdits.along(code, new double[] {1, 2, 3}, 0)).containsExactly(code);
    }

    @Test
    void movingAddsTheScaledDirection() {
        assertThat(DirectionEdits.along(new float[] {1, 1}, new double[] {0.5, -1}, 2)).containsExactly(2f, -1f);
    }

    @Test
    void eachLocationMovesAlongTheChannelDirection() {
        // C=2, H=1, W=3: channel 0 = {0, 1, 2}, channel 1 = {10, 11, 12}
        float[] structure = {0, 1, 2, 10, 11, 12};
        float[] moved = DirectionEdits.alongEachLocation(structure, new int[] {2, 1, 3}, new double[] {1, -2}, 0.5,
                null);
        assertThat(moved).containsExactly(0.5f, 1.5f, 2.5f, 9f, 10f, 11f);
    }

    @Test
    void aMaskLimitsTheEditToItsLocations() {
        float[] structure = {0, 1, 2, 10, 11, 12};
        float[] moved = DirectionEdits.alongEachLocation(structure, new int[] {2, 1, 3}, new double[] {1, 1}, 1,
                new boolean[] {false, true, false});
        assertThat(moved).containsExactly(0f, 2f, 2f, 10f, 12f, 12f);
    }

    @Test
    void aDirectionOfAnotherSizeIsRefused() {
        assertThatThrownBy(() -> DirectionEdits.along(new float[3], new double[2], 1))
                .hasMessageContaining("3 values").hasMessageContaining("direction of 2");
        assertThatThrownBy(() -> DirectionEdits.alongEachLocation(new float[6], new int[] {2, 1, 3}, new double[3], 1,
                null)).hasMessageContaining("2 channels");
    }

    @Test
    void anEditMovesTheProjectionOnItsUnitDirectionByExactlyTheRequestedSigmas() {
        Random random = new Random(3);
        double[] direction = new double[16];
        double norm = 0;
        for (int i = 0; i < direction.length; i++) {
            direction[i] = random.nextGaussian();
            norm += direction[i] * direction[i];
        }
        for (int i = 0; i < direction.length; i++) {
            direction[i] /= Math.sqrt(norm);
        }
        float[] code = new float[16];
        for (int i = 0; i < code.length; i++) {
            code[i] = (float) random.nextGaussian();
        }
        double sigma = 0.37;
        for (double strength : new double[] {-3, -1.5, 0, 1.5, 3}) {
            float[] moved = DirectionEdits.along(code, direction, strength * sigma);
            assertThat(projection(moved, direction) - projection(code, direction)).as("strength %s", strength)
                    .isCloseTo(strength * sigma, within(1e-5));
        }
    }

    @Test
    void anEditOfEachLocationMovesEveryLocationsProjectionByTheAmount() {
        // C=2, H=1, W=2; unit direction (0.6, 0.8)
        float[] structure = {1, -2, 0.5f, 3};
        double[] direction = {0.6, 0.8};
        float[] moved = DirectionEdits.alongEachLocation(structure, new int[] {2, 1, 2}, direction, 1.25, null);
        for (int p = 0; p < 2; p++) {
            double before = structure[p] * 0.6 + structure[2 + p] * 0.8;
            double after = moved[p] * 0.6 + moved[2 + p] * 0.8;
            assertThat(after - before).isCloseTo(1.25, within(1e-6));
        }
    }

    private static double projection(float[] code, double[] direction) {
        double sum = 0;
        for (int i = 0; i < code.length; i++) {
            sum += code[i] * direction[i];
        }
        return sum;
    }
}
