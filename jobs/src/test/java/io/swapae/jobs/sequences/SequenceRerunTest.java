package io.swapae.jobs.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.jobs.storage.TableCommits;
import io.swapae.video.VideoFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reruns into an output root that already holds the sequences: what was published is left as it is. */
class SequenceRerunTest {

    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    /** Every file under {@code root} with its modification time, after setting them all to {@link #LONG_AGO}. */
    private static Map<Path, FileTime> agedFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, LONG_AGO);
            }
        }
        return files(root);
    }

    private static Map<Path, FileTime> files(Path root) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    @Test
    void aRerunOfAPublishedSequenceRendersNothingAndRewritesNothing(@TempDir Path out) throws Exception {
        SequenceFixture f = SequenceFixture.get();
        UnsyncOptions unsync = new UnsyncOptions(f.codes, null, 1, 1, null);
        SequencesSummary first = new UnsyncJob(f.spark, f.options(out), unsync).run();
        assertThat(first.videos()).hasSize(1);
        assertThat(first.skipped()).isZero();
        Map<Path, FileTime> before = agedFiles(out);
        assertThat(before).containsKey(Path.of("_run.json")).containsKey(Path.of("index.html"));

        SequencesSummary again = new UnsyncJob(f.spark, f.options(out), unsync).run();

        assertThat(again.skipped()).isEqualTo(1);
        assertThat(again.completed()).isEqualTo(1);
        assertThat(again.frames()).isZero();
        assertThat(again.videos()).isEmpty();
        assertThat(again.run()).isNull();
        assertThat(files(out)).isEqualTo(before);
    }

    @Test
    void aRerunInAnotherFormatRendersTheSequenceAgain(@TempDir Path out) throws Exception {
        SequenceFixture f = SequenceFixture.get();
        UnsyncOptions unsync = new UnsyncOptions(f.codes, null, 0, 1, null);
        new UnsyncJob(f.spark, f.options(out), unsync).run();
        SequencesSummary gif = new UnsyncJob(f.spark, f.options(out).withFormat(VideoFormat.GIF, false), unsync)
                .run();
        assertThat(gif.skipped()).isZero();
        assertThat(gif.frames()).isEqualTo(3);
        assertThat(gif.videos()).singleElement().asString().endsWith(".gif");
    }

    @Test
    void aRerunRendersOnlyTheChainsThatFailedAndLeavesTheCompletedOnesAsTheyAre(@TempDir Path out,
                                                                                 @TempDir Path table)
            throws Exception {
        SequenceFixture f = SequenceFixture.get();
        String nanId = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
        String codes = f.codesWithNaN(table, nanId);
        RecursiveOptions chains = RecursiveOptions.of(codes, List.of(f.clip.get(0).id(), nanId), 2);
        SequencesSummary first = new RecursiveJob(f.spark, f.options(out), chains).run();
        assertThat(first.completed()).isEqualTo(1);
        assertThat(first.errors()).hasSize(1);
        Path video = Path.of(java.net.URI.create(first.videos().get(0)));
        Files.setLastModifiedTime(video, LONG_AGO);
        List<String> runs = TableCommits.committedRuns(f.spark, FramesTable.under(out.toUri().toString()));

        SequencesSummary again = new RecursiveJob(f.spark, f.options(out), chains).run();

        assertThat(again.skipped()).isEqualTo(1);
        assertThat(again.completed()).isEqualTo(1);
        assertThat(again.errors()).isEqualTo(first.errors());
        assertThat(again.frames()).isZero();
        assertThat(again.videos()).isEmpty();
        assertThat(Files.getLastModifiedTime(video)).isEqualTo(LONG_AGO);
        assertThat(TableCommits.committedRuns(f.spark, FramesTable.under(out.toUri().toString())))
                .as("the failed chain's new manifest rows are a run of their own").hasSize(runs.size() + 1);
    }
}
