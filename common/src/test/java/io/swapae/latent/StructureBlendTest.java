package io.swapae.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.swapae.latent.StructureBlend.Feather;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StructureBlendTest {

    private static float[] random(long seed, int size) {
        Random r = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static float at(float[] code, int[] shape, int c, int y, int x) {
        return code[(c * shape[1] + y) * shape[2] + x];
    }

    @Test
    void seamWidthZeroIsThePlainConcatenation() {
        // C=2, H=1: A is 2 wide, B is 1 wide
        float[] a = {1, 2, 10, 20};
        float[] b = {3, 30};
        List<int[]> shapes = List.of(new int[] {2, 1, 2}, new int[] {2, 1, 1});
        float[] joined = StructureBlend.sideBySide(List.of(a, b), shapes, 0, Feather.LINEAR);
        assertThat(StructureBlend.sideBySideShape(shapes, 0)).containsExactly(2, 1, 3);
        assertThat(joined).containsExactly(1, 2, 3, 10, 20, 30);
    }

    @Test
    void farFromTheSeamsEachSourceIsKeptExactly() {
        int[] shape = {3, 4, 8};
        List<float[]> codes = List.of(random(1, 96), random(2, 96), random(3, 96));
        List<int[]> shapes = List.of(shape, shape, shape);
        int seam = 2;
        float[] joined = StructureBlend.sideBySide(codes, shapes, seam, Feather.COSINE);
        int[] out = StructureBlend.sideBySideShape(shapes, seam);
        assertThat(out).containsExactly(3, 4, 20);
        int[][] own = {{0, 6}, {8, 12}, {14, 20}}; // output columns outside any seam, per source
        int[] offsets = {0, 6, 12};
        for (int k = 0; k < 3; k++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = own[k][0]; x < own[k][1]; x++) {
                        assertThat(at(joined, out, c, y, x)).isEqualTo(at(codes.get(k), shape, c, y, x - offsets[k]));
                    }
                }
            }
        }
    }

    @Test
    void overTheSeamTheCodesCrossFade() {
        float[] a = {0, 0, 0, 0};
        float[] b = {1, 1, 1, 1};
        int[] shape = {1, 1, 4};
        float[] joined = StructureBlend.sideBySide(List.of(a, b), List.of(shape, shape), 3, Feather.LINEAR);
        assertThat(joined).containsExactly(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, within(1e-6f));
    }

    @Test
    void seamWeightsAreInUnitRangeSumToOneAndRiseAcrossTheSeam() {
        for (Feather feather : Feather.values()) {
            double[][] weights = StructureBlend.seamWeights(new int[] {5, 6, 4}, 3, feather);
            assertThat(weights[0]).hasSize(9);
            for (int x = 0; x < 9; x++) {
                double sum = 0;
                for (double[] source : weights) {
                    assertThat(source[x]).isBetween(0.0, 1.0);
                    sum += source[x];
                }
                assertThat(sum).isCloseTo(1, within(1e-12));
            }
            for (int x = 3; x < 5; x++) {
                assertThat(weights[1][x]).isGreaterThan(weights[1][x - 1]);
            }
        }
    }

    @Test
    void oneHotMasksSelectTheSourcesExactly() {
        int[] shape = {2, 2, 2};
        float[] a = random(4, 8);
        float[] b = random(5, 8);
        float[] c = random(6, 8);
        double[] maskA = {1, 0, 0, 0};
        double[] maskB = {0, 1, 1, 0};
        double[] maskC = {0, 0, 0, 1};
        float[] mixed = StructureBlend.byMask(List.of(a, b, c), shape, List.of(maskA, maskB, maskC));
        float[][] chosen = {a, b, b, c};
        for (int ch = 0; ch < 2; ch++) {
            for (int p = 0; p < 4; p++) {
                assertThat(mixed[ch * 4 + p]).isEqualTo(chosen[p][ch * 4 + p]);
            }
        }
    }

    @Test
    void aFullMaskReturnsItsCodeAndAnEmptyOneLeavesItOut() {
        int[] shape = {3, 2, 2};
        float[] a = random(7, 12);
        float[] b = random(8, 12);
        double[] full = {1, 1, 1, 1};
        double[] empty = {0, 0, 0, 0};
        assertThat(StructureBlend.byMask(List.of(a, b), shape, List.of(full, empty))).containsExactly(a);
        assertThat(StructureBlend.byMask(List.of(a, b), shape, List.of(empty, full))).containsExactly(b);
    }

    @Test
    void aSingleCodeSideBySideIsItself() {
        int[] shape = {2, 3, 4};
        float[] a = random(9, 24);
        assertThat(StructureBlend.sideBySide(List.of(a), List.<int[]>of(shape), 0, Feather.COSINE))
                .containsExactly(a);
        assertThat(StructureBlend.sideBySideShape(List.<int[]>of(shape), 0)).containsExactly(shape);
    }

    @Test
    void fractionalMasksMixTheCodes() {
        float[] mixed = StructureBlend.byMask(List.of(new float[] {2}, new float[] {6}), new int[] {1, 1, 1},
                List.of(new double[] {0.75}, new double[] {0.25}));
        assertThat(mixed).containsExactly(3f);
    }

    @Test
    void mismatchedCodesAndBadSeamsAreRefused() {
        float[] code = new float[8];
        assertThatThrownBy(() -> StructureBlend.sideBySide(List.of(code, new float[12]),
                List.of(new int[] {2, 2, 2}, new int[] {3, 2, 2}), 0, Feather.LINEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same channels and height")
                .hasMessageContaining("code 1 is 3x2x2");
        assertThatThrownBy(() -> StructureBlend.sideBySide(List.of(code, new float[8]),
                List.of(new int[] {2, 2, 2}, new int[] {2, 4, 1}), 0, Feather.LINEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code 1 is 2x4x1");
        assertThatThrownBy(() -> StructureBlend.sideBySide(List.of(code, code),
                List.of(new int[] {2, 2, 2}, new int[] {2, 2, 2}), 3, Feather.LINEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seam width 3 does not fit code 0");
        assertThatThrownBy(() -> StructureBlend.seamWeights(new int[] {4, 4}, -1, Feather.LINEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or more code cells, got -1");
        assertThatThrownBy(() -> StructureBlend.sideBySide(List.of(code), List.of(new int[] {2, 2, 3}), 0,
                Feather.LINEAR)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C·H·W = 8");
    }

    @Test
    void masksThatDoNotSumToOneOrDoNotFitAreRefused() {
        int[] shape = {1, 1, 2};
        assertThatThrownBy(() -> StructureBlend.byMask(List.of(new float[2], new float[2]), shape,
                List.of(new double[] {1, 0.5}, new double[] {0, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1")
                .hasMessageContaining("got 0.5 at cell 1");
        assertThatThrownBy(() -> StructureBlend.byMask(List.of(new float[2]), shape, List.of(new double[] {1.5, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in [0, 1], got 1.5");
        assertThatThrownBy(() -> StructureBlend.byMask(List.of(new float[2]), shape, List.of(new double[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask 0 has 3 cells");
        assertThatThrownBy(() -> StructureBlend.byMask(List.of(new float[2], new float[2]), shape,
                List.of(new double[2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 codes and 1 masks");
    }
}
