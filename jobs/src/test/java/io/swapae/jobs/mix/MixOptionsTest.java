package io.swapae.jobs.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.jobs.generate.ImageOutput;
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
    void imageOutputOptionsAreCheckedUpFront() {
        assertThat(ImageOutput.of("jpg", 80, "both").inTable()).isTrue();
        assertThatThrownBy(() -> ImageOutput.of("webp", 95, "files")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--format must be png or jpeg, got 'webp'");
        assertThatThrownBy(() -> ImageOutput.of("jpeg", 0, "files")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--quality must be in 1..100").hasMessageContaining("got 0");
        assertThatThrownBy(() -> ImageOutput.of("png", 95, "s3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("files, parquet, both").hasMessageContaining("'s3'");
    }

    @Test
    void stepsTileAndOpAreCheckedUpFront() {
        assertThatThrownBy(() -> MixOptions.of("codes", "out", MixOp.INTERPOLATE, TWO, TWO).withSteps(1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--steps must be in 2..256").hasMessageContaining("got 1");
        assertThatThrownBy(() -> new MixOptions("codes", "out", MixOp.SWAP, TWO, TWO, 0, 0, 5, false, 0, null, 8,
                "auto", ImageOutput.PNG_FILES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tile must be in 1..64, got 0");
        assertThatThrownBy(() -> MixOp.parse("blend")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swap, interpolate").hasMessageContaining("'blend'");
        assertThatThrownBy(() -> new MixOptions("codes", "out", MixOp.SWAP, TWO, TWO, 3, 0, 5, false, 8, null, 8,
                "auto", ImageOutput.PNG_FILES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }
}
