package io.swapae.jobs.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.jobs.generate.ImageOutput;
import io.swapae.latent.StructureBlend.Feather;
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
                "auto", ImageOutput.PNG_FILES, null, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tile must be in 1..64, got 0");
        assertThatThrownBy(() -> MixOp.parse("merge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swap, interpolate, blend, edit").hasMessageContaining("'merge'");
        assertThatThrownBy(() -> new MixOptions("codes", "out", MixOp.SWAP, TWO, TWO, 3, 0, 5, false, 8, null, 8,
                "auto", ImageOutput.PNG_FILES, null, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }

    @Test
    void blendOptionsNameTheWrongValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> new BlendOptions(2, Feather.LINEAR, "middle"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--blend-texture")
                .hasMessageContaining("left, right, regions or a code id").hasMessageContaining("'middle'");
        assertThatThrownBy(() -> new BlendOptions(-1, Feather.LINEAR, "left"))
                .hasMessageContaining("--seam must be in 0..256").hasMessageContaining("got -1");
        assertThatThrownBy(() -> BlendOptions.feather("smooth")).hasMessageContaining("--feather must be one of"
                + " linear, cosine, got 'smooth'");
        assertThat(new BlendOptions(0, BlendOptions.feather("cosine"), "0123abcd").textureFromCode()).isTrue();
        assertThatThrownBy(() -> MixOptions.of("codes", "out", MixOp.BLEND, TWO, List.of()))
                .hasMessageContaining("--op blend needs --columns");
    }

    @Test
    void editNeedsACatalogueNoColumnsAndSaneStrengthsAndRegion() {
        EditOptions edit = new EditOptions("cat", 0, List.of(-1.0, 1.0), null);
        assertThatThrownBy(() -> MixOptions.of("codes", "out", MixOp.EDIT, TWO, List.of()))
                .hasMessageContaining("--op edit needs --catalogue");
        assertThatThrownBy(() -> MixOptions.of("codes", "out", MixOp.EDIT, TWO, TWO).withEdit(edit))
                .hasMessageContaining("--op edit takes no --columns");
        assertThat(MixOptions.of("codes", "out", MixOp.SWAP, TWO, TWO).withEdit(edit).op()).isEqualTo(MixOp.SWAP);
        assertThatThrownBy(() -> new EditOptions("cat", -1, List.of(1.0), null))
                .hasMessageContaining("--component must be >= 0").hasMessageContaining("got -1");
        assertThatThrownBy(() -> new EditOptions("cat", 0, List.of(), null))
                .hasMessageContaining("--strengths takes 1..64 numbers");
        assertThatThrownBy(() -> new EditOptions("cat", 0, List.of(1.0, Double.NaN), null))
                .hasMessageContaining("--strengths must be finite").hasMessageContaining("got NaN");
        assertThatThrownBy(() -> EditOptions.Region.of(List.of(0, 0, 4)))
                .hasMessageContaining("--region takes four numbers x0,y0,x1,y1").hasMessageContaining("[0, 0, 4]");
        assertThatThrownBy(() -> EditOptions.Region.of(List.of(4, 0, 2, 2)))
                .hasMessageContaining("0 <= x0 < x1").hasMessageContaining("got 4,0,2,2");
        EditOptions.Region region = EditOptions.Region.of(List.of(1, 0, 3, 1));
        assertThat(region.mask(new int[] {2, 2, 4})).containsExactly(false, true, true, false,
                false, false, false, false);
        assertThatThrownBy(() -> region.mask(new int[] {2, 2, 2})).hasMessageContaining("--region 1,0,3,1 does not"
                + " fit a structure code of 2x2 cells").hasMessageContaining("x1 <= 2");
        assertThatThrownBy(() -> MixOptions.of("codes", "out", MixOp.SWAP, TWO, TWO)
                .withEdit(new EditOptions(null, 0, List.of(1.0), region)))
                .hasMessageContaining("--region limits an edit: it needs --op edit, got --op swap");
    }
}
