package io.swapae.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.swapae.latent.StructureTransform.Border;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StructureTransformTest {

    private static float[] random(long seed, int size) {
        Random r = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** A code whose channels vary smoothly over the grid, so resampling it twice stays close to it. */
    private static float[] smooth(int[] shape) {
        float[] v = new float[shape[0] * shape[1] * shape[2]];
        for (int c = 0; c < shape[0]; c++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    v[(c * shape[1] + y) * shape[2] + x] = (float) Math.sin(0.3 * x + 0.2 * y + c);
                }
            }
        }
        return v;
    }

    private static float at(float[] code, int[] shape, int c, int y, int x) {
        return code[(c * shape[1] + y) * shape[2] + x];
    }

    @Test
    void zoomOneRotationZeroAndNoTranslationReturnTheCodeExactly() {
        int[] shape = {3, 5, 7};
        float[] code = random(1, 105);
        StructureTransform still = StructureTransform.identity().zoom(1).rotate(0).translate(0, 0);
        assertThat(still.isIdentity()).isTrue();
        assertThat(still.apply(code, shape)).containsExactly(code);
    }

    @Test
    void flippingTwiceIsTheIdentity() {
        int[] shape = {2, 4, 6};
        float[] code = random(2, 48);
        StructureTransform h = StructureTransform.identity().flipHorizontal();
        StructureTransform v = StructureTransform.identity().flipVertical();
        assertThat(h.apply(h.apply(code, shape), shape)).containsExactly(code);
        assertThat(v.apply(v.apply(code, shape), shape)).containsExactly(code);
        assertThat(h.flipHorizontal().isIdentity()).isTrue();
    }

    @Test
    void aHorizontalFlipMirrorsTheColumns() {
        int[] shape = {2, 4, 6};
        float[] code = random(3, 48);
        float[] flipped = StructureTransform.identity().flipHorizontal().apply(code, shape);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    assertThat(at(flipped, shape, c, y, x)).isEqualTo(at(code, shape, c, y, 5 - x));
                }
            }
        }
    }

    @Test
    void aQuarterTurnOnASquareGridPermutesTheCellsCounterClockwise() {
        int[] shape = {2, 5, 5};
        float[] code = random(4, 50);
        float[] turned = StructureTransform.identity().rotate(90).apply(code, shape);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    // the top-right corner goes to the top-left: input (row x, column 4 - y) lands at (y, x)
                    assertThat(at(turned, shape, c, y, x)).isCloseTo(at(code, shape, c, x, 4 - y), within(1e-6f));
                }
            }
        }
        float[] fourTimes = code;
        for (int i = 0; i < 4; i++) {
            fourTimes = StructureTransform.identity().rotate(90).apply(fourTimes, shape);
        }
        assertThat(fourTimes).containsExactly(code, within(1e-6f));
    }

    @Test
    void anIntegerTranslationShiftsTheInteriorExactly() {
        int[] shape = {2, 6, 8};
        float[] code = random(5, 96);
        float[] moved = StructureTransform.identity().translate(2, -1).apply(code, shape);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 2; x < 8; x++) {
                    assertThat(at(moved, shape, c, y, x)).isEqualTo(at(code, shape, c, y + 1, x - 2));
                }
            }
        }
    }

    @Test
    void aHalfCellTranslationAveragesNeighbours() {
        float[] moved = StructureTransform.identity().translate(0.5, 0)
                .apply(new float[] {0, 2, 4}, new int[] {1, 1, 3});
        assertThat(moved[1]).isCloseTo(1f, within(1e-6f));
        assertThat(moved[2]).isCloseTo(3f, within(1e-6f));
    }

    @Test
    void samplesOutsideTheGridFollowTheBorderPolicy() {
        int[] shape = {1, 1, 4};
        float[] code = {1, 2, 3, 4};
        StructureTransform right = StructureTransform.identity().translate(2, 0);
        assertThat(right.apply(code, shape, Border.REFLECT)).containsExactly(2, 1, 1, 2);
        assertThat(right.apply(code, shape, Border.CLAMP)).containsExactly(1, 1, 1, 2);
    }

    @Test
    void zoomingInAndBackOutSeparatelyIsCloseToTheCodeInTheInterior() {
        int[] shape = {2, 9, 9};
        float[] code = smooth(shape);
        float[] in = StructureTransform.identity().zoom(2).apply(code, shape);
        float[] back = StructureTransform.identity().zoom(0.5).apply(in, shape);
        for (int c = 0; c < 2; c++) {
            for (int y = 2; y < 7; y++) {
                for (int x = 2; x < 7; x++) {
                    assertThat(at(back, shape, c, y, x)).isCloseTo(at(code, shape, c, y, x), within(0.05f));
                }
            }
        }
    }

    @Test
    void aChainThatCancelsResamplesNothing() {
        int[] shape = {1, 4, 6};
        float[] code = random(6, 24);
        StructureTransform chain = StructureTransform.identity().zoom(2).rotate(30).rotate(-30).zoom(0.5)
                .translate(1.5, 0).translate(-1.5, 0);
        assertThat(chain.apply(code, shape)).containsExactly(code, within(1e-5f));
    }

    @Test
    void badFactorsAnglesAndShapesAreRefused() {
        assertThatThrownBy(() -> StructureTransform.identity().zoom(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0, got 0.0");
        assertThatThrownBy(() -> StructureTransform.identity().rotate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> StructureTransform.identity().translate(Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> StructureTransform.identity().flipVertical().apply(new float[6], new int[] {2, 2, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C·H·W = 6 values, got [2, 2, 2]");
        assertThatThrownBy(() -> StructureTransform.identity().zoom(1e-200).zoom(1e-200).apply(new float[1],
                new int[] {1, 1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
    }
}
