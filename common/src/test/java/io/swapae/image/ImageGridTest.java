package io.swapae.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    private static RgbImage noise(int w, int h, int seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    @Test
    void cellsLandAtTheirRowAndColumnAndEmptyCellsTakeTheFill() {
        RgbImage a = noise(5, 3, 1);
        RgbImage b = noise(5, 3, 2);
        RgbImage c = noise(5, 3, 3);

        RgbImage grid = ImageGrid.compose(new RgbImage[][] {{null, a}, {b, c}}, 5, 3, 0x102030);

        assertThat(grid.size()).isEqualTo(new ImageSize(10, 6));
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                assertThat(grid.rgb(x, y)).isEqualTo(0x102030);
                assertThat(grid.rgb(5 + x, y)).isEqualTo(a.rgb(x, y));
                assertThat(grid.rgb(x, 3 + y)).isEqualTo(b.rgb(x, y));
                assertThat(grid.rgb(5 + x, 3 + y)).isEqualTo(c.rgb(x, y));
            }
        }
    }

    @Test
    void aCellOfAnotherSizeIsRefusedNamingIt() {
        RgbImage[][] cells = {{noise(4, 4, 1), noise(4, 5, 2)}};

        assertThatThrownBy(() -> ImageGrid.compose(cells, 4, 4, 0))
                .hasMessageContaining("cell (0, 1) is 4x5").hasMessageContaining("4x4");
    }

    @Test
    void raggedRowsAreRefused() {
        RgbImage[][] cells = {{noise(2, 2, 1), noise(2, 2, 2)}, {noise(2, 2, 3)}};

        assertThatThrownBy(() -> ImageGrid.compose(cells, 2, 2, 0)).hasMessageContaining("row 1 has 1 cells");
    }
}
