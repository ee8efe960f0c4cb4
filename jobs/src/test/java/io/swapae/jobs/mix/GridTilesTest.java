package io.swapae.jobs.mix;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.image.RgbImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GridTilesTest {

    private static RgbImage filled(int width, int height, int value) {
        byte[] pixels = new byte[3 * width * height];
        Arrays.fill(pixels, (byte) value);
        return new RgbImage(width, height, pixels);
    }

    private static int at(RgbImage image, int x, int y) {
        return image.pixels()[3 * (y * image.width() + x)] & 0xFF;
    }

    @Test
    void aSquareHeaderOfAWideCellKeepsItsAspectRatioBetweenWhiteMargins() {
        RgbImage header = GridTiles.letterbox(filled(32, 32, 40), 96, 48);
        assertThat(header.width()).isEqualTo(96);
        assertThat(header.height()).isEqualTo(48);
        assertThat(at(header, 0, 24)).as("left margin").isEqualTo(255);
        assertThat(at(header, 95, 24)).as("right margin").isEqualTo(255);
        assertThat(at(header, 23, 24)).isEqualTo(255);
        assertThat(at(header, 24, 0)).as("the picture, 48 wide, in the middle").isEqualTo(40);
        assertThat(at(header, 71, 47)).isEqualTo(40);
        assertThat(at(header, 72, 24)).isEqualTo(255);
    }

    @Test
    void aHeaderOfTheCellsSizeIsKeptAsItIs() {
        RgbImage picture = filled(16, 8, 7);
        assertThat(GridTiles.letterbox(picture, 16, 8)).isSameAs(picture);
    }
}
