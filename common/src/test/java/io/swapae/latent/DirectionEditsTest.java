package io.swapae.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
