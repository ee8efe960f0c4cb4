package io.swapae.jobs.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.image.RgbImage;
import io.swapae.latent.StructureBlend;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.video.VideoFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train rides: the columns that consecutive frames share must match within 1 level; frames decoded each from its own
 * window of the strip (the inconsistent rendering the tiles avoid) do not.
 */
class SequenceTrainRideTest {

    private static final int FRAMES = 4;
    /** One code column of the test model. */
    private static final int SPEED = 16;
    private static final int TOLERANCE = 1;

    /** The largest difference over the columns frame {@code k} and frame {@code k + 1} share, over all frames. */
    private static int overlapMismatch(RgbImage[] frames, int speed) {
        int max = 0;
        for (int k = 0; k + 1 < frames.length; k++) {
            RgbImage a = frames[k];
            RgbImage b = frames[k + 1];
            for (int y = 0; y < a.height(); y++) {
                for (int x = speed; x < a.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        int va = a.pixels()[3 * (y * a.width() + x) + c] & 0xFF;
                        int vb = b.pixels()[3 * (y * b.width() + x - speed) + c] & 0xFF;
                        max = Math.max(max, Math.abs(va - vb));
                    }
                }
            }
        }
        return max;
    }

    @Test
    void consecutiveFramesShareTheirOverlappingColumnsAndFramesDecodedAloneDoNot(@TempDir Path out)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        List<String> ids = f.clip.stream().map(SourceCode::id).toList();
        SequencesSummary s = new TrainRideJob(f.spark, f.options(out).withFormat(VideoFormat.MP4, true),
                TrainRideOptions.of(f.codes, ids, FRAMES, SPEED)).run();
        assertThat(s.errors()).isEmpty();
        assertThat(s.frames()).isEqualTo(FRAMES);
        assertThat(s.videos()).hasSize(1);
        String sequence = s.videos().get(0).replaceAll(".*/videos/(.*)\\.mp4", "$1");
        RgbImage[] frames = new RgbImage[FRAMES];
        for (int k = 0; k < FRAMES; k++) {
            frames[k] = SequenceFixture.frame(out, sequence, k);
            assertThat(frames[k].width()).isEqualTo(128);
        }
        assertThat(overlapMismatch(frames, SPEED)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(out.resolve("sequences").resolve(sequence).resolve("parts")).doesNotExist();

        List<int[]> shapes = f.clip.stream().map(SourceCode::shape).toList();
        int[] strip = StructureBlend.sideBySideShape(shapes, 2);
        float[] code = StructureBlend.sideBySide(f.clip.stream().map(SourceCode::structure).toList(), shapes, 2,
                StructureBlend.Feather.COSINE);
        RgbImage[] alone = new RgbImage[FRAMES];
        int c = strip[0];
        int h = strip[1];
        int w = strip[2];
        int window = shapes.get(0)[2];
        try (SwappingAutoencoder model = SequenceFixture.model()) {
            for (int k = 0; k < FRAMES; k++) {
                float[] part = new float[c * h * window];
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(code, (ch * h + y) * w + k, part, (ch * h + y) * window, window);
                    }
                }
                alone[k] = SequenceFixture.decode(model, part, new int[] {c, h, window}, f.clip.get(0).texture(),
                        SequenceIds.noise(sequence));
            }
        }
        assertThat(overlapMismatch(alone, SPEED)).as("frames decoded alone pop").isGreaterThan(TOLERANCE);
    }

    @Test
    void aPictureWhoseCodesAreNotFiniteFailsTheRideNamingWhy(@TempDir Path out, @TempDir Path table)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        String nanId = "dddddddddddddddddddddddddddddddd";
        String codes = f.codesWithNaN(table, nanId);
        SequencesSummary s = new TrainRideJob(f.spark, f.options(out),
                TrainRideOptions.of(codes, List.of(f.clip.get(0).id(), nanId), 2, SPEED)).run();
        assertThat(s.completed()).isZero();
        assertThat(s.videos()).isEmpty();
        assertThat(s.errors()).hasSize(1);
        assertThat(s.errors().values().iterator().next()).contains("not finite numbers");
        assertThat(out.resolve("sequences").resolve(s.errors().keySet().iterator().next())).doesNotExist();
    }

    @Test
    void aRidePastTheEndOfTheStripIsRefusedWithTheMostFramesThatFit(@TempDir Path out) throws Exception {
        SequenceFixture f = SequenceFixture.get();
        List<String> ids = List.of(f.clip.get(0).id(), f.clip.get(1).id());
        assertThatThrownBy(() -> new TrainRideJob(f.spark, f.options(out),
                TrainRideOptions.of(f.codes, ids, 20, SPEED)).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--frames 20")
                .hasMessageContaining("at most 7 frames");
    }
}
