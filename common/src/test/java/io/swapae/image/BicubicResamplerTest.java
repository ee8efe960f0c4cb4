package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BicubicResamplerTest {

    private static RgbImage flat(int w, int h, int r, int g, int b) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return new RgbImage(w, h, px);
    }

    @Test
    void sameSizeReturnsTheImageUnchanged() {
        RgbImage image = flat(5, 3, 1, 2, 3);

        assertThat(BicubicResampler.resize(image, 5, 3)).isSameAs(image);
    }

    @Test
    void flatColourStaysFlatUpAndDown() {
        RgbImage image = flat(37, 23, 200, 17, 255);

        assertThat(BicubicResampler.resize(image, 300, 7)).isEqualTo(flat(300, 7, 200, 17, 255));
        assertThat(BicubicResampler.resize(image, 3, 101)).isEqualTo(flat(3, 101, 200, 17, 255));
    }

    @Test
    void overshootIsClippedToTheByteRange() {
        byte[] px = new byte[8 * 3];
        Arrays.fill(px, 12, 24, (byte) 255);
        RgbImage step = new RgbImage(8, 1, px);

        RgbImage up = BicubicResampler.resize(step, 32, 1);

        assertThat(up.get(0, 0, 0)).isZero();
        assertThat(up.get(31, 0, 0)).isEqualTo(255);
    }

    @Test
    void emptyTargetIsRefused() {
        assertThatThrownBy(() -> BicubicResampler.resize(flat(2, 2, 0, 0, 0), 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
