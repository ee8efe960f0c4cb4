package io.swapae.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CodeNormalizationTest {

    @Test
    void aTextureCodeBecomesUnitLength() {
        float[] unit = CodeNormalization.texture(new float[] {3, 4});
        assertThat(unit[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(unit[1]).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    void aStructureCodeBecomesUnitAtEachLocationOverItsChannels() {
        // C=2, H=1, W=2: location 0 = (3, 4), location 1 = (0, -2)
        float[] unit = CodeNormalization.structure(new float[] {3, 0, 4, -2}, new int[] {2, 1, 2});
        assertThat(unit).containsExactly(new float[] {0.6f, 0, 0.8f, -1}, within(1e-6f));
    }
}
