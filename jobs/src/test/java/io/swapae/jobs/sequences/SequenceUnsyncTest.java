package io.swapae.jobs.sequences;

import static io.swapae.jobs.sequences.SequenceFixture.maxDifference;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.image.RgbImage;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.video.FrameFolderWriter;
import io.swapae.video.Mp4Reader;
import io.swapae.video.VideoFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceUnsyncTest {

    private static String onlySequence(SequencesSummary s, Path out) {
        assertThat(s.sequences()).isEqualTo(1);
        List<Row> rows = FramesTable.read(io.swapae.jobs.testing.TestSpark.session(), out.toUri().toString())
                .select("sequence_id").distinct().collectAsList();
        assertThat(rows).hasSize(1);
        return rows.get(0).getString(0);
    }

    @Test
    void offsetZeroAndWindowOneReproduceTheReconstructions(@TempDir Path out) throws Exception {
        SequenceFixture f = SequenceFixture.get();
        SequencesSummary s = new UnsyncJob(f.spark, f.options(out).withFormat(VideoFormat.FRAMES, true),
                new UnsyncOptions(f.codes, null, 0, 1, null)).run();
        assertThat(s.frames()).isEqualTo(3);
        assertThat(s.errors()).isEmpty();
        assertThat(s.videos()).isEmpty();
        String sequence = onlySequence(s, out);
        try (SwappingAutoencoder model = SequenceFixture.model()) {
            for (int t = 0; t < 3; t++) {
                SourceCode c = f.clip.get(t);
                RgbImage direct = SequenceFixture.decode(model, c.structure(), c.shape(), c.texture(),
                        SequenceIds.noise(sequence));
                assertThat(maxDifference(SequenceFixture.frame(out, sequence, t), direct)).as("frame %d", t)
                        .isLessThanOrEqualTo(1);
            }
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("sequences/" + sequence + "/"
                + FrameFolderWriter.fileName(0));
        assertThat(Files.readString(out.resolve("_run.json"))).contains("\"effect\" : \"unsync\"");
    }

    @Test
    void anOffsetTakesLaterTexturesClampedAtTheLastFrame(@TempDir Path out) throws Exception {
        SequenceFixture f = SequenceFixture.get();
        SequencesSummary s = new UnsyncJob(f.spark, f.options(out).withFormat(VideoFormat.FRAMES, true),
                new UnsyncOptions(f.codes, null, 1, 1, null)).run();
        String sequence = onlySequence(s, out);
        try (SwappingAutoencoder model = SequenceFixture.model()) {
            int[] textureOf = {1, 2, 2};
            for (int t = 0; t < 3; t++) {
                SourceCode c = f.clip.get(t);
                RgbImage direct = SequenceFixture.decode(model, c.structure(), c.shape(),
                        f.clip.get(textureOf[t]).texture(), SequenceIds.noise(sequence));
                assertThat(maxDifference(SequenceFixture.frame(out, sequence, t), direct)).as("frame %d", t)
                        .isLessThanOrEqualTo(1);
            }
            SourceCode first = f.clip.get(0);
            RgbImage reconstruction = SequenceFixture.decode(model, first.structure(), first.shape(), first.texture(),
                    SequenceIds.noise(sequence));
            assertThat(maxDifference(SequenceFixture.frame(out, sequence, 0), reconstruction))
                    .as("frame 0 has frame 1's texture, not its own").isGreaterThan(1);
        }
    }

    @Test
    void aLoopedClipWrapsAroundSoFrameTTakesItsTextureTPlusOffsetModuloItsLength(@TempDir Path other,
                                                                                  @TempDir Path out)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        String loopCodes = f.otherClip(other, 2);
        List<SourceCode> loop = new CodesTable(f.spark, loopCodes, "--texture-from").inPlayingOrder();
        SequencesSummary s = new UnsyncJob(f.spark, f.options(out).withFormat(VideoFormat.FRAMES, true),
                new UnsyncOptions(f.codes, null, 1, 1, UnsyncOptions.TextureFrom.parse("loop:" + loopCodes))).run();
        assertThat(s.errors()).isEmpty();
        String sequence = onlySequence(s, out);
        int[] textureOf = {1, 0, 1};
        try (SwappingAutoencoder model = SequenceFixture.model()) {
            for (int t = 0; t < 3; t++) {
                SourceCode c = f.clip.get(t);
                RgbImage direct = SequenceFixture.decode(model, c.structure(), c.shape(),
                        loop.get(textureOf[t]).texture(), SequenceIds.noise(sequence));
                assertThat(maxDifference(SequenceFixture.frame(out, sequence, t), direct)).as("frame %d", t)
                        .isLessThanOrEqualTo(1);
            }
            SourceCode middle = f.clip.get(1);
            RgbImage clamped = SequenceFixture.decode(model, middle.structure(), middle.shape(),
                    loop.get(1).texture(), SequenceIds.noise(sequence));
            assertThat(maxDifference(SequenceFixture.frame(out, sequence, 1), clamped))
                    .as("frame 1 wraps to texture 0 instead of stopping at the looped clip's last")
                    .isGreaterThan(1);
        }
    }

    @Test
    void theMp4DecodesBackToEveryFrameAndTheFramesAreNotKept(@TempDir Path out) throws Exception {
        SequenceFixture f = SequenceFixture.get();
        SequencesSummary s = new UnsyncJob(f.spark, f.options(out), new UnsyncOptions(f.codes, null, 0, 2, null))
                .run();
        assertThat(s.videos()).hasSize(1);
        String sequence = onlySequence(s, out);
        Path video = out.resolve("videos").resolve(sequence + ".mp4");
        assertThat(Path.of(java.net.URI.create(s.videos().get(0)))).isEqualTo(video);
        try (Mp4Reader reader = Mp4Reader.open(video)) {
            assertThat(reader.frameCount()).isEqualTo(3);
            int frames = 0;
            for (Optional<RgbImage> frame = reader.next(); frame.isPresent(); frame = reader.next()) {
                assertThat(frame.get().width()).isEqualTo(128);
                assertThat(frame.get().height()).isEqualTo(128);
                frames++;
            }
            assertThat(frames).isEqualTo(3);
        }
        assertThat(out.resolve("sequences").resolve(sequence)).doesNotExist();
        List<Row> manifest = FramesTable.read(f.spark, out.toUri().toString()).orderBy("frame").collectAsList();
        assertThat(manifest).hasSize(3);
        assertThat(manifest.get(2).<Integer>getAs("frame")).isEqualTo(2);
        assertThat(manifest.get(2).<String>getAs("uri")).isNull();
        assertThat(manifest.get(2).<String>getAs("video")).endsWith("/videos/" + sequence + ".mp4");
        assertThat(manifest.get(2).<String>getAs("params")).contains(f.clip.get(2).id());
        assertThat(Files.readString(out.resolve("index.html"))).contains("<video src=\"videos/" + sequence + ".mp4\"");
    }

    @Test
    void aVideoIsEncodedFirstAndTheEncodeRunKeepsItsOwnSummary(@TempDir Path out, @TempDir Path clip)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        FrameFolderWriter writer = new FrameFolderWriter(clip);
        for (int i = 0; i < 3; i++) {
            writer.append(new io.swapae.image.ImageDecoder().decode(
                    io.swapae.jobs.testing.EncodeDataset.picture(128, 128, i, "png")));
        }
        SequencesSummary s = new UnsyncJob(f.spark, f.options(out).withFormat(VideoFormat.GIF, false),
                new UnsyncOptions(null, clip.toString(), 0, 1, new UnsyncOptions.TextureFrom.Frozen())).run();
        assertThat(s.frames()).isEqualTo(3);
        assertThat(s.videos()).singleElement().asString().endsWith(".gif");
        assertThat(out.resolve("input-frames").resolve(FrameFolderWriter.fileName(2))).exists();
        assertThat(io.swapae.jobs.storage.TableCommits.committedRuns(f.spark,
                out.resolve("encoded").resolve("codes").toUri().toString())).hasSize(1);
        JsonNode sequencesRun = new ObjectMapper().readTree(out.resolve("_run.json").toFile());
        assertThat(sequencesRun.get("effect").asText()).isEqualTo("unsync");
        assertThat(sequencesRun.get("encoded_frames").asInt()).isEqualTo(3);
        JsonNode encodeRun = new ObjectMapper().readTree(out.resolve("encoded").resolve("_run.json").toFile());
        assertThat(encodeRun.get("job").asText()).isEqualTo("encode");
        assertThat(encodeRun.get("result").get("run_id").asText()).isEqualTo(sequencesRun.get("encode_run").asText());
    }
}
