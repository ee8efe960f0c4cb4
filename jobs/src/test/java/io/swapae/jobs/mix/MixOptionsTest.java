package io.swapae.jobs.mix;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MixOptionsTest {

    private static final List<String> TWO = List.of("0123456789ab", "fedcba98");

    @Test
    void shortOrNonHexIdsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> MixOptions.of("codes", "out", MixOp.SWAP, List.of("abc"), TWO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'abc'")
                .hasMessageContaining("at least 8 hex digits");
    }

    @Test
    void interpolationNeedsExactlyTwoTextureSources() {
        assertThatThrownBy(() -> MixOptions.of("codes", "out", MixOp.INTERPOLATE, TWO, List.of("0123456789ab")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly two")
                .hasMessageContaining("got 1");
    }

    @Test
    void stepsTileAndOpAreCheckedUpFront() {
        assertThatThrownBy(() -> MixOptions.of("codes", "out", MixOp.INTERPOLATE, TWO, TWO).withSteps(1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--steps must be in 2..256").hasMessageContaining("got 1");
        assertThatThrownBy(() -> new MixOptions("codes", "out", MixOp.SWAP, TWO, TWO, 0, 0, 5, false, 0, null, 8,
                "auto")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tile must be in 1..64, got 0");
        assertThatThrownBy(() -> MixOp.parse("blend")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swap, interpolate").hasMessageContaining("'blend'");
        assertThatThrownBy(() -> new MixOptions("codes", "out", MixOp.SWAP, TWO, TWO, 3, 0, 5, false, 8, null, 8,
                "auto")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }
}
