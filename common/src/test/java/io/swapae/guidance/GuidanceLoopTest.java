package io.swapae.guidance;

import static io.swapae.guidance.GuidanceFixture.distance;
import static io.swapae.guidance.GuidanceFixture.maxDifference;
import static io.swapae.guidance.GuidanceFixture.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.swapae.clip.ClipModel;
import io.swapae.image.RgbImage;
import io.swapae.model.SwappingAutoencoder;
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

/** Guidance of codes by the tiny random CLIP on a small random model. */
class GuidanceLoopTest {

    private static SwappingAutoencoder network;
    private static ClipModel clip;
    private static NDManager arrays;
    private static float[][] prompts;

    @BeforeAll
    static void load() throws Exception {
        network = GuidanceFixture.network();
        clip = GuidanceFixture.clip();
        arrays = NDManager.newBaseManager();
        prompts = new PromptEmbeddings(clip, arrays).texts(List.of("a red sunset over the sea", "snowy mountains"));
    }

    @AfterAll
    static void close() {
        arrays.close();
        clip.close();
        network.close();
    }

    /** Two whole-picture cutouts, one mirrored: every step sees the same views, so the loss curve is smooth. */
    private static GuidanceSettings settings(GuidanceTarget target, int steps, double lambda) {
        return new GuidanceSettings(target, steps, 0.02, lambda, 2, 1.0, 11, 0, null);
    }

    private static GuidanceResult guide(GuidanceSettings settings, GuidancePair pair) {
        return new GuidanceLoop(network, clip, settings, 3).run(List.of(pair)).get(0);
    }

    @Test
    void stepsReduceTheClipLossMostlyMonotonically() {
        GuidanceSettings s = new GuidanceSettings(GuidanceTarget.BOTH, 12, 0.005, 0.1, 2, 1.0, 11, 0, null);
        GuidanceResult r = guide(s, pair(1, prompts[0], null));
        float[] losses = r.losses();
        assertThat(losses).hasSize(13);
        // the tiny random CLIP barely tells pictures apart: its losses lie within a few hundredths
        assertThat(r.finalLoss()).as("final loss, from " + Arrays.toString(losses))
                .isLessThan(losses[0] - 0.005f);
        int falls = 0;
        for (int i = 1; i < losses.length; i++) {
            if (losses[i] < losses[i - 1]) {
                falls++;
            }
        }
        assertThat(falls).as("steps whose loss fell, of 12: " + Arrays.toString(losses)).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aLargerLambdaKeepsTheCodesCloserToTheOriginal() {
        GuidancePair p = pair(2, prompts[1], null);
        GuidanceResult loose = guide(settings(GuidanceTarget.BOTH, 8, 0.01), p);
        GuidanceResult tight = guide(settings(GuidanceTarget.BOTH, 8, 20), p);
        double looseDistance = distance(loose.texture(), p.texture()) + distance(loose.structure(), p.structure());
        double tightDistance = distance(tight.texture(), p.texture()) + distance(tight.structure(), p.structure());
        assertThat(tightDistance).isLessThan(0.7 * looseDistance);
        assertThat(tight.finalLoss()).as("a tighter bound gives up some CLIP loss")
                .isGreaterThan(loose.finalLoss());
    }

    @Test
    void zeroStepsReturnTheOriginalCodes() {
        GuidancePair p = pair(3, prompts[0], null);
        GuidanceResult r = guide(settings(GuidanceTarget.BOTH, 0, 0.1), p);
        assertThat(r.structure()).isEqualTo(p.structure());
        assertThat(r.texture()).isEqualTo(p.texture());
        assertThat(r.losses()).hasSize(1);
        assertThat(r.finalLoss()).isPositive();
    }

    @Test
    void theTargetAloneChangesAndCodesStayUnit() {
        GuidancePair p = pair(4, prompts[0], null);
        GuidanceResult texture = guide(settings(GuidanceTarget.TEXTURE, 3, 0.1), p);
        assertThat(texture.structure()).isEqualTo(p.structure());
        assertThat(distance(texture.texture(), p.texture())).isGreaterThan(0.01);
        assertThat(distance(texture.texture(), new float[64])).isCloseTo(1.0, offset(1e-4));
        GuidanceResult structure = guide(settings(GuidanceTarget.STRUCTURE, 3, 0.1), p);
        assertThat(structure.texture()).isEqualTo(p.texture());
        assertThat(distance(structure.structure(), p.structure())).isGreaterThan(0.01);
    }

    @Test
    void aRegionChangesOnlyTheStructureInsideIt() {
        GuidancePair p = pair(5, prompts[1], null);
        GuidanceSettings s = new GuidanceSettings(GuidanceTarget.STRUCTURE, 3, 0.05, 0.1, 2, 0.7, 11, 0,
                GuidanceRegion.parse("0,0,0.5,0.5"));
        GuidanceResult r = guide(s, p);
        int changedInside = 0;
        for (int c = 0; c < 8; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    int i = c * 16 + y * 4 + x;
                    if (x < 2 && y < 2) {
                        changedInside += r.structure()[i] != p.structure()[i] ? 1 : 0;
                    } else {
                        assertThat(r.structure()[i]).as("outside the region at " + c + "," + y + "," + x)
                                .isEqualTo(p.structure()[i]);
                    }
                }
            }
        }
        assertThat(changedInside).isGreaterThan(16);
    }

    @Test
    void aPairGetsTheSameResultAloneAndInABatch() {
        GuidanceSettings s = new GuidanceSettings(GuidanceTarget.BOTH, 4, 0.02, 0.1, 3, 0.6, 11, 0, null);
        GuidancePair a = pair(6, prompts[0], prompts[1]);
        GuidancePair b = pair(7, prompts[1], null);
        GuidanceResult alone = guide(s, a);
        List<GuidanceResult> batch = new GuidanceLoop(network, clip, s, 3).run(List.of(b, a));
        assertThat(maxDifference(batch.get(1).texture(), alone.texture())).isLessThan(1e-4);
        assertThat(maxDifference(batch.get(1).structure(), alone.structure())).isLessThan(1e-4);
        assertThat(maxDifference(batch.get(1).losses(), alone.losses())).isLessThan(1e-4);
        assertThat(maxDifference(batch.get(0).texture(), alone.texture())).as("the other pair differs")
                .isGreaterThan(0.01);
    }

    @Test
    void twoLoopsOnTwoThreadsAtOnceGiveWhatOneGivesAlone() throws Exception {
        int threadsBefore = JniUtils.getNumThreads();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        GuidanceSettings s = settings(GuidanceTarget.BOTH, 3, 0.1);
        List<GuidancePair> pairs = List.of(pair(8, prompts[0], null), pair(9, prompts[1], null));
        try {
            GuidanceResult alone = pool.submit(() -> asATask(null, s, pairs)).get().get(0);
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<List<GuidanceResult>>> together = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                together.add(pool.submit(() -> asATask(start, s, pairs)));
            }
            for (Future<List<GuidanceResult>> f : together) {
                GuidanceResult r = f.get().get(0);
                assertThat(r.texture()).isEqualTo(alone.texture());
                assertThat(r.structure()).isEqualTo(alone.structure());
                assertThat(r.losses()).isEqualTo(alone.losses());
            }
        } finally {
            pool.shutdownNow();
            JniUtils.setNumThreads(threadsBefore);
        }
    }

    private static List<GuidanceResult> asATask(CyclicBarrier start, GuidanceSettings s, List<GuidancePair> pairs)
            throws Exception {
        InferenceThreads.applyToCurrentThread(1);
        if (start != null) {
            start.await();
        }
        List<GuidanceResult> r = new GuidanceLoop(network, clip, s, 3).run(pairs);
        assertThat(JniUtils.isGradMode()).as("grad mode restored on this thread").isFalse();
        return r;
    }

    @Test
    void snapshotsComeEveryKStepsAndAtTheEnd() {
        GuidanceSettings s = new GuidanceSettings(GuidanceTarget.TEXTURE, 5, 0.05, 0.1, 2, 0.7, 11, 2, null);
        GuidancePair p = pair(10, prompts[0], null);
        GuidanceResult r = guide(s, p);
        assertThat(r.snapshots()).extracting(GuidanceResult.Snapshot::step).containsExactly(0, 2, 4, 5);
        assertThat(r.snapshots().get(0).texture()).isEqualTo(p.texture());
        assertThat(r.snapshots().get(3).texture()).isEqualTo(r.texture());
    }

    @Test
    void anImagePromptIsApproachedLikeAText() {
        byte[] pixels = new byte[96 * 64 * 3];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (byte) 220;
            pixels[i + 1] = (byte) (i % 255);
        }
        float[] image = new PromptEmbeddings(clip, arrays).image(new RgbImage(96, 64, pixels));
        assertThat(distance(image, new float[image.length])).isCloseTo(1.0, offset(1e-4));
        GuidanceResult r = guide(settings(GuidanceTarget.BOTH, 4, 0.1), pair(12, image, null));
        assertThat(r.finalLoss()).isLessThan(r.losses()[0]);
    }
}
