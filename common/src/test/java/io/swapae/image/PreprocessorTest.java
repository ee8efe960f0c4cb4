package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PreprocessorTest {

    private static ImageSize outputSize(String mode, int load, int crop, int w, int h) {
        return new Preprocessor(Preprocess.of(mode, load, crop)).outputSize(w, h);
    }

    @Test
    void sidesAreRoundedToMultiplesOf16HalfToEvenAsPythonRounds() {
        // 24 / 16 = 1.5 -> 2, 40 / 16 = 2.5 -> 2, 56 / 16 = 3.5 -> 4
        assertThat(outputSize("none", 256, 256, 24, 40)).isEqualTo(new ImageSize(32, 32));
        assertThat(outputSize("none", 256, 256, 56, 17)).isEqualTo(new ImageSize(64, 16));
    }

    @Test
    void outputSizeFollowsEachOfficialMode() {
        assertThat(outputSize("resize", 256, 256, 517, 389)).isEqualTo(new ImageSize(256, 256));
        assertThat(outputSize("resize_and_crop", 320, 256, 517, 389)).isEqualTo(new ImageSize(256, 256));
        assertThat(outputSize("scale_width", 256, 256, 517, 389)).isEqualTo(new ImageSize(256, 192));
        assertThat(outputSize("scale_width_and_crop", 256, 128, 517, 389)).isEqualTo(new ImageSize(128, 128));
        assertThat(outputSize("scale_shortside", 256, 256, 517, 389)).isEqualTo(new ImageSize(336, 256));
        assertThat(outputSize("scale_shortside_and_crop", 256, 256, 517, 389)).isEqualTo(new ImageSize(256, 256));
        assertThat(outputSize("scale_longside", 256, 256, 517, 389)).isEqualTo(new ImageSize(256, 192));
        assertThat(outputSize("scale_longside_and_crop", 256, 128, 517, 389)).isEqualTo(new ImageSize(128, 128));
        assertThat(outputSize("none", 256, 256, 517, 389)).isEqualTo(new ImageSize(512, 384));
    }

    @Test
    void noCropIsMadeWhenBothSidesFitTheCrop() {
        assertThat(outputSize("scale_longside_and_crop", 100, 128, 517, 389)).isEqualTo(new ImageSize(96, 80));
    }

    @Test
    void outputSizeAgreesWithTheImageApplyMakes() {
        Preprocessor p = new Preprocessor(Preprocess.of("scale_shortside_and_crop", 64, 48));
        RgbImage image = RgbImage.black(113, 517);

        assertThat(p.apply(image).size()).isEqualTo(p.outputSize(113, 517)).isEqualTo(new ImageSize(48, 48));
    }

    @Test
    void cropWindowOutsideTheImageIsBlack() {
        byte[] white = new byte[40 * 10 * 3];
        java.util.Arrays.fill(white, (byte) 255);
        Preprocessor p = new Preprocessor(Preprocess.of("scale_width_and_crop", 40, 32));

        RgbImage out = p.apply(new RgbImage(40, 10, white));

        assertThat(out.size()).isEqualTo(new ImageSize(32, 32));
        assertThat(out.rgb(16, 0)).isZero();
        assertThat(out.rgb(16, 16)).isEqualTo(0xFFFFFF);
        assertThat(out.rgb(16, 31)).isZero();
    }

    @Test
    void imageTooThinForTheModeIsRefusedClearly() {
        assertThatThrownBy(() -> outputSize("scale_width", 256, 256, 10_000, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000x3");
        assertThatThrownBy(() -> outputSize("none", 256, 256, 7, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
    }
}
