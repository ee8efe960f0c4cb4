package io.swapae.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.checkpoint.StateDict;
import io.swapae.checkpoint.TensorData;
import io.swapae.clip.ThreadGradients;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator's images differentiated with respect to both codes agree with finite differences. */
class DifferentiableGenerateTest {

    private static final Architecture SMALL = new Architecture(8, 64, 0.0625, 4, 2, 2.0, 0.0625, 2, true, true);
    private static SwappingAutoencoder model;

    @BeforeAll
    static void build() throws Exception {
        Map<String, TensorData> tensors = new LinkedHashMap<>(RandomWeights.of(SMALL, 5).asMap());
        tensors.replaceAll((key, t) -> key.endsWith("noise.weight")
                ? TensorData.ofFloats(key, t.shape(), new float[] {0.2f}) : t);
        model = SwappingAutoencoder.create(SMALL, new StateDict(tensors));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** sum(generate(s, t) * weights): a scalar that depends on every pixel. */
    private static NDArray weightedSum(NDArray s, NDArray t, float[] weights) {
        try (NDArray image = model.generateDifferentiable(s, t, Noise.seeded(7, 1, 2));
             NDArray w = s.getManager().create(weights, image.getShape());
             NDArray product = image.mul(w)) {
            return product.sum();
        }
    }

    private static double value(NDManager m, float[] s, float[] t, float[] weights) {
        JniUtils.setGradMode(false);
        try (NDArray sa = m.create(s, new Shape(2, 8, 4, 4)); NDArray ta = m.create(t, new Shape(2, 64));
             NDArray v = weightedSum(sa, ta, weights)) {
            return v.getFloat();
        }
    }

    @Test
    void gradientsWithRespectToBothCodesMatchFiniteDifferences() {
        float[] s = gaussian(2 * 8 * 4 * 4, 1);
        float[] t = gaussian(2 * 64, 2);
        float[] weights = gaussian(2 * 3 * 64 * 64, 3);
        float[] ds = gaussian(s.length, 4);
        float[] dt = gaussian(t.length, 5);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray sa = m.create(s, new Shape(2, 8, 4, 4));
            NDArray ta = m.create(t, new Shape(2, 64));
            double analytic;
            try (ThreadGradients.Result r = ThreadGradients.compute(new NDList(sa, ta),
                    x -> weightedSum(x.get(0), x.get(1), weights))) {
                float[] gs = r.gradients().get(0).toFloatArray();
                float[] gt = r.gradients().get(1).toFloatArray();
                assertThat(norm(gs)).as("structure gradient").isGreaterThan(0);
                assertThat(norm(gt)).as("texture gradient").isGreaterThan(0);
                analytic = dot(gs, ds) + dot(gt, dt);
            }
            double eps = 1e-2;
            double numeric = (value(m, axpy(s, ds, eps), axpy(t, dt, eps), weights)
                    - value(m, axpy(s, ds, -eps), axpy(t, dt, -eps), weights)) / (2 * eps);
            assertThat(analytic).isCloseTo(numeric, org.assertj.core.data.Offset.offset(0.02 * Math.abs(numeric)));
        }
    }

    private static float[] axpy(float[] x, float[] d, double eps) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] + eps * d[i]);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }
}
