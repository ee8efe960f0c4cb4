package io.swapae.jobs.sequences;

import static io.swapae.jobs.sequences.SequenceFixture.maxDifference;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.image.Preprocess;
import io.swapae.jobs.directions.CodeSpace;
import io.swapae.jobs.directions.DirectionCatalogue;
import io.swapae.jobs.directions.DirectionsJob;
import io.swapae.jobs.directions.DirectionsOptions;
import io.swapae.image.RgbImage;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.video.VideoFormat;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.apache.spark.sql.functions.col;

/**
 * Recursive chains. Tolerance: a chain with zoom 1, no rotation, translation or edit stays within 1 level (of 255)
 * of repeated reconstruction (decode, encode the 8-bit frame, decode again) at every pixel of every frame; a zoom
 * of 1.5 per step is far outside it.
 */
class SequenceRecursiveTest {

    private static final int STEPS = 3;
    private static final int TOLERANCE = 1;

    private static RecursiveOptions chains(SequenceFixture f, List<String> start) {
        return RecursiveOptions.of(f.codes, start, STEPS);
    }

    private static List<String> sequences(SequenceFixture f, Path out) {
        return FramesTable.read(f.spark, out.toUri().toString()).where(col("error").isNull())
                .select("sequence_id").distinct().orderBy("sequence_id").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
    }

    /** The frames of repeated reconstruction from {@code start}, with the noise of {@code sequence}. */
    private static RgbImage[] repeatedReconstruction(SourceCode start, String sequence) throws Exception {
        return repeatedReconstruction(start, sequence, new double[start.texture().length], 0);
    }

    /**
     * The frames of repeated reconstruction from {@code start} whose re-encoded texture code moves by
     * {@code amount · direction} before each next frame, with the noise of {@code sequence}.
     */
    private static RgbImage[] repeatedReconstruction(SourceCode start, String sequence, double[] direction,
                                                     double amount) throws Exception {
        RgbImage[] frames = new RgbImage[STEPS];
        try (SwappingAutoencoder model = SequenceFixture.model()) {
            float[] structure = start.structure();
            float[] texture = start.texture();
            for (int k = 0; k < STEPS; k++) {
                frames[k] = SequenceFixture.decode(model, structure, start.shape(), texture,
                        SequenceIds.noise(sequence));
                float[][] codes = SequenceFixture.encode(model, frames[k]);
                structure = codes[0];
                texture = codes[1];
                for (int i = 0; i < texture.length; i++) {
                    texture[i] += (float) (amount * direction[i]);
                }
            }
        }
        return frames;
    }

    @Test
    void zoomOneStaysWithinToleranceOfRepeatedReconstructionAndZoomOneAndAHalfDoesNot(@TempDir Path identity,
                                                                                      @TempDir Path zoomed)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        SourceCode start = f.clip.get(0);
        SequenceOptions frames = f.options(identity).withFormat(VideoFormat.FRAMES, true);
        new RecursiveJob(f.spark, frames, chains(f, List.of(start.id()))).run();
        String sequence = sequences(f, identity).get(0);
        RgbImage[] expected = repeatedReconstruction(start, sequence);
        for (int k = 0; k < STEPS; k++) {
            assertThat(maxDifference(SequenceFixture.frame(identity, sequence, k), expected[k])).as("frame %d", k)
                    .isLessThanOrEqualTo(TOLERANCE);
        }

        new RecursiveJob(f.spark, f.options(zoomed).withFormat(VideoFormat.FRAMES, true),
                chains(f, List.of(start.id())).withTransform(1.5, 0, 0, 0)).run();
        String zoomedSequence = sequences(f, zoomed).get(0);
        RgbImage[] expectedZoomed = repeatedReconstruction(start, zoomedSequence);
        assertThat(maxDifference(SequenceFixture.frame(zoomed, zoomedSequence, 0), expectedZoomed[0]))
                .as("frame 0 is the start code's reconstruction").isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxDifference(SequenceFixture.frame(zoomed, zoomedSequence, STEPS - 1),
                expectedZoomed[STEPS - 1])).isGreaterThan(TOLERANCE);
    }

    @Test
    void onACropModelZoomOneStaysWithinToleranceOfRepeatedReconstruction(@TempDir Path encoded, @TempDir Path out)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        SequenceFixture.Encoded crop = f.encodedWith(Preprocess.of("scale_shortside_and_crop", 160, 128), encoded);
        SourceCode start = new CodesTable(f.spark, crop.codes(), "--codes").inPlayingOrder().get(0);
        assertThat(start.preprocess()).isEqualTo("scale_shortside_and_crop/160/128");
        new RecursiveJob(f.spark, f.options(out).withModel(crop.checkpoint().toString())
                .withFormat(VideoFormat.FRAMES, true), RecursiveOptions.of(crop.codes(), List.of(start.id()), STEPS))
                .run();
        String sequence = sequences(f, out).get(0);
        RgbImage[] expected = repeatedReconstruction(start, sequence);
        for (int k = 0; k < STEPS; k++) {
            assertThat(maxDifference(SequenceFixture.frame(out, sequence, k), expected[k])).as("frame %d", k)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void anEditMovesEachReEncodedTextureByTheStrengthTimesSigmaAlongTheCataloguesDirection(@TempDir Path catalogue,
                                                                                         @TempDir Path out)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        new DirectionsJob(f.spark, DirectionsOptions.of(f.codes, catalogue.toUri().toString(), CodeSpace.TEXTURE)
                .withComponents(2, 0)).run();
        DirectionCatalogue.Direction direction = DirectionCatalogue.read(f.spark, catalogue.toUri().toString())
                .direction(0);
        double strength = 3;
        SourceCode start = f.clip.get(2);
        new RecursiveJob(f.spark, f.options(out).withFormat(VideoFormat.FRAMES, true),
                new RecursiveOptions(f.codes, List.of(start.id()), 0, STEPS, 1, 0, 0, 0,
                        catalogue.toUri().toString(), 0, strength, 0, false)).run();
        String sequence = sequences(f, out).get(0);
        RgbImage[] edited = repeatedReconstruction(start, sequence, direction.vector(),
                strength * direction.sigma());
        for (int k = 0; k < STEPS; k++) {
            assertThat(maxDifference(SequenceFixture.frame(out, sequence, k), edited[k])).as("frame %d", k)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
        RgbImage[] further = repeatedReconstruction(start, sequence, direction.vector(),
                1.5 * strength * direction.sigma());
        assertThat(maxDifference(SequenceFixture.frame(out, sequence, STEPS - 1), further[STEPS - 1]))
                .as("a move half as long again is out of tolerance").isGreaterThan(TOLERANCE);
    }

    @Test
    void reversedFramesAreExactlyTheFramesInReverseOrder(@TempDir Path forward, @TempDir Path backward)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        RecursiveOptions zoomIn = chains(f, List.of(f.clip.get(1).id())).withTransform(1.2, 10, 0.5, 0);
        new RecursiveJob(f.spark, f.options(forward).withFormat(VideoFormat.FRAMES, true), zoomIn).run();
        new RecursiveJob(f.spark, f.options(backward).withFormat(VideoFormat.FRAMES, true), zoomIn.withReverse(true))
                .run();
        String a = sequences(f, forward).get(0);
        String b = sequences(f, backward).get(0);
        for (int k = 0; k < STEPS; k++) {
            RgbImage reversed = SequenceFixture.frame(backward, b, STEPS - 1 - k);
            assertThat(reversed.pixels()).as("reversed frame %d", STEPS - 1 - k)
                    .isEqualTo(SequenceFixture.frame(forward, a, k).pixels());
        }
        assertThat(SequenceFixture.frame(forward, a, 0).pixels())
                .isNotEqualTo(SequenceFixture.frame(forward, a, STEPS - 1).pixels());
    }

    @Test
    void aFailingChainIsReportedAndTheOthersCompleteInParallelPartitions(@TempDir Path out, @TempDir Path table)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        String nanId = "ffffffffffffffffffffffffffffffff";
        String codes = f.codesWithNaN(table, nanId);
        List<String> start = List.of(f.clip.get(0).id(), f.clip.get(1).id(), nanId, f.clip.get(2).id());
        SequencesSummary s = new RecursiveJob(f.spark, f.options(out).withFormat(VideoFormat.GIF, false),
                new RecursiveOptions(codes, start, 0, 2, 1.1, 0, 0, 0, null, 0, 0, 0.05, false)).run();
        assertThat(s.sequences()).isEqualTo(4);
        assertThat(s.partitions()).isGreaterThanOrEqualTo(2);
        assertThat(s.completed()).isEqualTo(3);
        assertThat(s.videos()).hasSize(3);
        assertThat(s.frames()).isEqualTo(6);
        assertThat(s.errors()).hasSize(1);
        assertThat(s.errors().values().iterator().next()).contains(nanId).contains("NaN");
        List<Row> failed = FramesTable.read(f.spark, out.toUri().toString()).where(col("error").isNotNull())
                .collectAsList();
        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.<Integer>getAs("frame")).isNull();
            assertThat(r.<String>getAs("sequence_id")).isEqualTo(s.errors().keySet().iterator().next());
        });
        for (String video : s.videos()) {
            assertThat(Path.of(java.net.URI.create(video))).exists();
        }
    }
}
