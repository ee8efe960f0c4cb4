package io.swapae.jobs.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.jobs.testing.CliRun;
import io.swapae.video.VideoFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceOptionsTest {

    @Test
    void aGifFrameRateAboveFiftyIsRefusedNamingTheRange() {
        assertThatThrownBy(() -> new SequenceOptions("out", 60, VideoFormat.GIF, false, null, 0, 8, "auto"))
                .hasMessage("--fps must be in 1..50 for --format gif, got 60");
        assertThat(new SequenceOptions("out", 60, VideoFormat.MP4, false, null, 0, 8, "auto").fps()).isEqualTo(60);
    }

    @Test
    void unsyncTakesCodesOrAVideoNotBoth() {
        assertThatThrownBy(() -> new UnsyncOptions("c", "v.mp4", 0, 1, null)).hasMessageContaining("got both");
        assertThatThrownBy(() -> new UnsyncOptions(null, null, 0, 1, null)).hasMessageContaining("got neither");
    }

    @Test
    void aFrozenTextureRefusesAnOffset() {
        assertThatThrownBy(() -> new UnsyncOptions("c", null, 3, 1, UnsyncOptions.TextureFrom.parse("frozen")))
                .hasMessageContaining("--texture-from frozen").hasMessageContaining("--offset (got 3)");
        assertThatThrownBy(() -> UnsyncOptions.TextureFrom.parse("somewhere"))
                .hasMessageContaining("got 'somewhere'").hasMessageContaining("loop:ROOT2/codes");
        assertThat(UnsyncOptions.TextureFrom.parse("loop:s3a://b/codes"))
                .isEqualTo(new UnsyncOptions.TextureFrom.Loop("s3a://b/codes"));
    }

    @Test
    void recursiveRefusesAZoomOutsideItsRangeAndAStrengthWithoutCatalogue() {
        assertThatThrownBy(() -> RecursiveOptions.of("c", List.of("0123abcd"), 4).withTransform(0, 0, 0, 0))
                .hasMessageContaining("--zoom must be in 0.25..4.0").hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new RecursiveOptions("c", List.of("0123abcd"), 0, 4, 1, 0, 0, 0, null, 0, 0.5, 0,
                false)).hasMessage("--edit-strength 0.5 needs --edit-catalogue CAT");
        assertThatThrownBy(() -> RecursiveOptions.of("c", List.of("xyz"), 4)).hasMessageContaining("got 'xyz'");
    }

    @Test
    void trainRideTakesIdsOrASample() {
        assertThatThrownBy(() -> new TrainRideOptions("c", List.of("0123abcd"), 3, 10, 8, 2, false, 2))
                .hasMessageContaining("--ids a,b,c... or --sample N, got both");
        assertThatThrownBy(() -> new TrainRideOptions("c", List.of(), 0, 10, -1, 2, false, 2))
                .hasMessageContaining("got neither");
    }

    @Test
    void theCommandLineRefusesAnUnknownFormatAndATranslateThatIsNotTwoNumbers() {
        CliRun format = CliRun.of("sequences", "unsync", "--codes", "c", "--output", "o", "--format", "avi");
        assertThat(format.exitCode()).isEqualTo(1);
        assertThat(format.err()).contains("--format: unknown video format 'avi'").contains("mp4, gif, frames");
        CliRun translate = CliRun.of("sequences", "recursive", "--codes", "c", "--output", "o", "--sample", "2",
                "--translate", "1");
        assertThat(translate.exitCode()).isEqualTo(1);
        assertThat(translate.err()).contains("--translate takes DX,DY").contains("got '1'");
        CliRun none = CliRun.of("sequences");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("an effect is required: unsync, recursive or train-ride");
    }
}
