package io.swapae.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FlopCountTest {

    @Test
    void defaultArchitectureAt256MatchesTheOfficialFigures() {
        FlopCount f = FlopCount.of(Architecture.DEFAULT, 256, 256);
        // official benchmark notes: encode 4.31 GMAC, generate 46.5 GMAC per image
        assertThat(f.encode() / 2e9).isCloseTo(4.31, within(0.01));
        assertThat(f.generate() / 2e9).isCloseTo(46.5, within(0.05));
    }
}
