package io.swapae.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreadGradientsTest {

    private NDManager arrays;

    @BeforeEach
    void open() {
        arrays = NDManager.newBaseManager();
        JniUtils.setGradMode(false);
    }

    @AfterEach
    void close() {
        arrays.close();
    }

    @Test
    void gradientOfSumOfSquaresIsTwiceTheInput() {
        try (NDArray x = arrays.create(new float[] {1f, -2f, 0.5f});
             ThreadGradients.Result r = ThreadGradients.compute(x, v -> v.mul(v).sum())) {
            assertThat(r.loss()).isEqualTo(5.25f);
            assertThat(r.gradients().get(0).toFloatArray()).containsExactly(2f, -4f, 1f);
            assertThat(r.gradients().get(0).getManager()).isSameAs(arrays);
        }
        assertThat(JniUtils.isGradMode()).isFalse();
    }

    @Test
    void inputTheLossIgnoresGetsZeros() {
        try (NDArray used = arrays.create(new float[] {3f});
             NDArray unused = arrays.create(new float[] {7f, 8f});
             ThreadGradients.Result r = ThreadGradients.compute(new NDList(used, unused),
                     v -> v.get(0).mul(4f).sum())) {
            assertThat(r.gradients().get(0).toFloatArray()).containsExactly(4f);
            assertThat(r.gradients().get(1).toFloatArray()).containsExactly(0f, 0f);
        }
    }

    @Test
    void lossOfSeveralValuesIsRefusedAndGradModeRestored() {
        try (NDArray x = arrays.create(new float[] {1f, 2f})) {
            assertThatThrownBy(() -> ThreadGradients.compute(x, v -> v.mul(2f)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one value").hasMessageContaining("(2)");
        }
        assertThat(JniUtils.isGradMode()).isFalse();
    }

    @Test
    void integerInputIsRefused() {
        try (NDArray ids = arrays.create(new long[] {1, 2})) {
            assertThatThrownBy(() -> ThreadGradients.compute(ids, v -> v.sum()))
                    .hasMessageContaining("cannot differentiate").hasMessageContaining("int64");
        }
    }
}
