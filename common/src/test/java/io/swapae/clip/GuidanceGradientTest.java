package io.swapae.clip;

import static io.swapae.clip.ClipFixture.assertMatches;
import static io.swapae.clip.ClipFixture.ndarray;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.checkpoint.CheckpointException;
import io.swapae.runtime.InferenceThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLIP-guidance gradient {@code d mean_i(img_n[i] . txt_n[0]) / d input} through the image tower, computed with
 * {@link ThreadGradients}, against open_clip's autograd, and its independence from other threads.
 */
class GuidanceGradientTest {

    private static ClipModel model;
    private static NDManager arrays;
    private static float[] target;

    @BeforeAll
    static void load() throws CheckpointException {
        model = ClipFixture.model();
        arrays = NDManager.newBaseManager();
        JniUtils.setGradMode(false);
        long[][] ids = {ClipFixture.tokenIds()[0]};
        try (NDArray text = model.encodeText(ids, arrays); NDArray normalized = ClipModel.normalize(text)) {
            target = normalized.toFloatArray();
        }
    }

    @AfterAll
    static void close() {
        arrays.close();
        model.close();
    }

    /** mean_i(normalize(encodeImage(x))[i] . target), and the cosines beside it. */
    private static NDArray meanCosine(NDArray images, List<float[]> cosines) {
        NDManager m = images.getManager();
        try (NDArray features = model.encodeImage(images);
             NDArray normalized = ClipModel.normalize(features);
             NDArray text = m.create(target).reshape(target.length, 1);
             NDArray cosine = normalized.matMul(text).reshape(-1)) {
            if (cosines != null) {
                cosines.add(cosine.toFloatArray());
            }
            return cosine.mean();
        }
    }

    @Test
    void guidanceGradientMatchesOpenClipAutograd() {
        List<float[]> cosines = new ArrayList<>();
        try (NDArray input = ndarray(arrays, "input.npy.gz");
             ThreadGradients.Result r = ThreadGradients.compute(input, x -> meanCosine(x, cosines));
             NDArray cosine = arrays.create(cosines.get(0));
             NDArray loss = arrays.create(new float[] {r.loss()})) {
            assertMatches(r.gradients().get(0), "guidance/grad_input.npy");
            assertMatches(cosine, "guidance/cosine.npy");
            assertMatches(loss, "guidance/loss.npy");
        }
    }

    /**
     * Two tasks of an executor with two cores, as {@code InferenceThreads} sets them up (one intra-op thread each,
     * autograd off), computing guidance gradients at the same time, get what one of them gets alone.
     */
    @Test
    void gradientsOnTwoThreadsAtOnceEqualOneThreadAlone() throws Exception {
        int threadsBefore = JniUtils.getNumThreads();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            float[] alone = pool.submit(() -> guidanceGradientAsATask(null, 1)).get();
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<float[]>> together = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                together.add(pool.submit(() -> guidanceGradientAsATask(start, 3)));
            }
            for (Future<float[]> f : together) {
                float[] gradient = f.get();
                assertThat(Arrays.equals(gradient, alone)).as("gradient bit for bit as computed alone").isTrue();
            }
        } finally {
            pool.shutdownNow();
            JniUtils.setNumThreads(threadsBefore);
        }
    }

    private static float[] guidanceGradientAsATask(CyclicBarrier start, int rounds) throws Exception {
        InferenceThreads.applyToCurrentThread(1);
        try (NDManager mine = NDManager.newBaseManager(); NDArray input = ndarray(mine, "input.npy.gz")) {
            if (start != null) {
                start.await();
            }
            float[] grad = null;
            for (int round = 0; round < rounds; round++) {
                try (ThreadGradients.Result r = ThreadGradients.compute(input, x -> meanCosine(x, null))) {
                    grad = r.gradients().get(0).toFloatArray();
                }
                assertThat(JniUtils.isGradMode()).as("grad mode restored on this thread").isFalse();
            }
            return grad;
        }
    }

    @Test
    void inferenceOnAnotherThreadKeepsGradModeOffWhileGradientsRun() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (NDArray input = ndarray(arrays, "input.npy.gz")) {
            CyclicBarrier inside = new CyclicBarrier(2);
            Future<Boolean> other = pool.submit(() -> {
                JniUtils.setGradMode(false);
                inside.await();
                try (NDManager mine = NDManager.newBaseManager(); NDArray images = ndarray(mine, "input.npy.gz");
                     NDArray features = model.encodeImage(images)) {
                    inside.await();
                    return JniUtils.isGradMode() || JniUtils.requiresGrad((PtNDArray) features);
                }
            });
            try (ThreadGradients.Result r = ThreadGradients.compute(new NDList(input), x -> {
                try {
                    inside.await();
                    inside.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return meanCosine(x.get(0), null);
            })) {
                assertThat(r.gradients().get(0).getShape()).isEqualTo(input.getShape());
            }
            assertThat(other.get()).as("grad mode or gradients on the inference thread").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}
