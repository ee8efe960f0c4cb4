package io.swapae.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextureInterpolationTest {

    private static float[] unit(long seed, int size) {
        Random random = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return CodeNormalization.texture(v);
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    private static double angle(float[] p, float[] q) {
        double dot = 0;
        for (int i = 0; i < p.length; i++) {
            dot += (double) p[i] * q[i];
        }
        return Math.acos(Math.max(-1, Math.min(1, dot / (norm(p) * norm(q)))));
    }

    @Test
    void bothPathsStartAndEndExactlyAtTheCodes() {
        float[] from = {0.3f, -2f, 7f};
        float[] to = {1f, 0.25f, -3f};
        for (float[][] path : new float[][][] {TextureInterpolation.lerp(from, to, 5, false),
                TextureInterpolation.slerp(from, to, 5, true)}) {
            assertThat(path).hasNumberOfRows(5);
            assertThat(path[0]).containsExactly(from);
            assertThat(path[4]).containsExactly(to);
        }
    }

    @Test
    void lerpStepsAreEvenlySpaced() {
        float[][] path = TextureInterpolation.lerp(new float[] {0, 10}, new float[] {4, 2}, 5, false);
        assertThat(path[1]).containsExactly(1f, 8f);
        assertThat(path[2]).containsExactly(2f, 6f);
        assertThat(path[3]).containsExactly(3f, 4f);
    }

    @Test
    void slerpKeepsUnitCodesUnit() {
        float[] from = unit(1, 64);
        float[] to = unit(2, 64);
        for (float[] code : TextureInterpolation.slerp(from, to, 9, false)) {
            assertThat(norm(code)).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void slerpMovesTheAngleMonotonicallyAndEvenly() {
        float[] from = unit(3, 32);
        float[] to = unit(4, 32);
        double total = angle(from, to);
        float[][] path = TextureInterpolation.slerp(from, to, 7, false);
        for (int i = 1; i < path.length; i++) {
            assertThat(angle(from, path[i])).isGreaterThan(angle(from, path[i - 1]));
            assertThat(angle(from, path[i])).isCloseTo(total * i / 6, within(1e-4));
        }
    }

    @Test
    void slerpOfParallelCodesIsLerp() {
        float[] from = {1, 2, 3};
        float[] to = {2, 4, 6};
        assertThat(TextureInterpolation.slerp(from, to, 0.5))
                .containsExactly(TextureInterpolation.lerp(from, to, 0.5));
    }

    @Test
    void renormalizedStepsAreUnit() {
        float[][] path = TextureInterpolation.lerp(unit(5, 16), unit(6, 16), 4, true);
        assertThat(norm(path[1])).isCloseTo(1, within(1e-5));
        assertThat(norm(path[2])).isCloseTo(1, within(1e-5));
    }

    @Test
    void badStepsSizesAndFractionsAreRefused() {
        assertThatThrownBy(() -> TextureInterpolation.lerp(new float[2], new float[2], 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 steps (both ends), got 1");
        assertThatThrownBy(() -> TextureInterpolation.slerp(new float[2], new float[3], 3, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 3 values");
        assertThatThrownBy(() -> TextureInterpolation.slerp(new float[2], new float[2], 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1], got 1.5");
    }
}
