package io.swapae.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.clip.ClipPreprocess;
import org.junit.jupiter.api.Test;

class CutoutsTest {

    private final Cutouts cutouts = new Cutouts(8, 0.5, 11, new ClipPreprocess(224));

    @Test
    void squaresLieInThePictureAtLeastTheSmallestSide() {
        for (int step = 0; step < 20; step++) {
            for (Cutouts.Box b : cutouts.boxes(5, step, 96, 64)) {
                assertThat(b.side()).isBetween(32, 64);
                assertThat(b.x()).isBetween(0, 96 - b.side());
                assertThat(b.y()).isBetween(0, 64 - b.side());
            }
        }
    }

    @Test
    void squaresDependOnSeedKeyAndStepOnly() {
        assertThat(cutouts.boxes(5, 3, 96, 64)).containsExactly(cutouts.boxes(5, 3, 96, 64));
        assertThat(cutouts.boxes(5, 4, 96, 64)).isNotEqualTo(cutouts.boxes(5, 3, 96, 64));
        assertThat(cutouts.boxes(6, 3, 96, 64)).isNotEqualTo(cutouts.boxes(5, 3, 96, 64));
        assertThat(new Cutouts(8, 0.5, 12, new ClipPreprocess(224)).boxes(5, 3, 96, 64))
                .isNotEqualTo(cutouts.boxes(5, 3, 96, 64));
    }

    @Test
    void everyOtherSquareIsMirrored() {
        Cutouts.Box[] boxes = cutouts.boxes(5, 0, 96, 64);
        for (int k = 0; k < boxes.length; k++) {
            assertThat(boxes[k].mirrored()).isEqualTo(k % 2 == 1);
        }
    }

    @Test
    void wholePictureCutoutsAreThePictureItself() {
        for (Cutouts.Box b : new Cutouts(3, 1.0, 11, new ClipPreprocess(224)).boxes(5, 7, 64, 64)) {
            assertThat(b.side()).isEqualTo(64);
            assertThat(b.x()).isZero();
            assertThat(b.y()).isZero();
        }
    }
}
