package io.swapae.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuidanceSettingsTest {

    private static GuidanceSettings of(GuidanceTarget target, int steps, double lr, double lambda, int cutouts,
                                       double size, int every, GuidanceRegion region) {
        return new GuidanceSettings(target, steps, lr, lambda, cutouts, size, 0, every, region);
    }

    @Test
    void outOfRangeValuesAreRefusedNamingOptionAndValue() {
        GuidanceTarget t = GuidanceTarget.TEXTURE;
        assertThatThrownBy(() -> of(t, -1, 0.1, 1, 4, 0.5, 0, null)).hasMessage("--steps must be in 0..10000, got -1");
        assertThatThrownBy(() -> of(t, 10, 0, 1, 4, 0.5, 0, null)).hasMessage("--lr must be in (0, 10], got 0.0");
        assertThatThrownBy(() -> of(t, 10, 0.1, -2, 4, 0.5, 0, null)).hasMessage("--lambda must be in 0..1e6, got -2.0");
        assertThatThrownBy(() -> of(t, 10, 0.1, 1, 0, 0.5, 0, null)).hasMessage("--cutouts must be in 1..64, got 0");
        assertThatThrownBy(() -> of(t, 10, 0.1, 1, 4, 1.5, 0, null)).hasMessageContaining("--cutout-size")
                .hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> of(t, 10, 0.1, 1, 4, 0.5, 11, null)).hasMessageContaining("--strip-every")
                .hasMessageContaining("got 11");
        assertThatThrownBy(() -> of(null, 10, 0.1, 1, 4, 0.5, 0, null)).hasMessageContaining("--target is required");
    }

    @Test
    void aRegionNeedsTheStructureCode() {
        GuidanceRegion half = GuidanceRegion.parse("0,0.5,1,1");
        assertThatThrownBy(() -> of(GuidanceTarget.TEXTURE, 10, 0.1, 1, 4, 0.5, 0, half))
                .hasMessage("--region limits the structure code: it needs --target structure or both, got --target"
                        + " texture");
        assertThat(of(GuidanceTarget.BOTH, 10, 0.1, 1, 4, 0.5, 0, half).region()).isEqualTo(half);
    }

    @Test
    void regionsAndTargetsAreParsedOrRefused() {
        assertThat(GuidanceTarget.parse("Structure")).isEqualTo(GuidanceTarget.STRUCTURE);
        assertThatThrownBy(() -> GuidanceTarget.parse("colour"))
                .hasMessage("--target must be texture, structure or both, got 'colour'");
        assertThatThrownBy(() -> GuidanceRegion.parse("0,0,1")).hasMessageContaining("four fractions")
                .hasMessageContaining("'0,0,1'");
        assertThatThrownBy(() -> GuidanceRegion.parse("0,a,1,1")).hasMessageContaining("'a' is not a number");
        assertThatThrownBy(() -> GuidanceRegion.parse("0.6,0,0.4,1")).hasMessageContaining("0 <= x0 < x1 <= 1")
                .hasMessageContaining("0.6,0.0,0.4,1.0");
    }

    @Test
    void aRegionHoldsTheLocationsWhoseCentresLieInIt() {
        boolean[] inside = GuidanceRegion.parse("0,0,0.5,0.5").locations(4, 4);
        assertThat(inside).containsExactly(true, true, false, false, true, true, false, false,
                false, false, false, false, false, false, false, false);
    }
}
