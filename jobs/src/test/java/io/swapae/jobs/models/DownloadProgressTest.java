package io.swapae.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter text = new StringWriter();

    private DownloadProgress progress(boolean terminal) {
        return new DownloadProgress(new PrintWriter(text), terminal, nanos::get);
    }

    @Test
    void lineShowsBytesTotalPercentageAndSpeed() {
        DownloadProgress p = progress(true);
        p.start("a.zip", 0, 100_000_000);
        nanos.set(2_000_000_000L);
        p.advance(20_000_000);
        assertThat(p.line()).isEqualTo("a.zip: 20.0 MB of 100.0 MB (20.0 %), 10.0 MB/s");
    }

    @Test
    void speedCountsOnlyTheBytesOfThisTransfer() {
        DownloadProgress p = progress(true);
        p.start("a.zip", 50_000_000, 100_000_000);
        nanos.set(1_000_000_000L);
        p.advance(5_000_000);
        assertThat(p.line()).isEqualTo("a.zip: 55.0 MB of 100.0 MB (55.0 %), 5.0 MB/s");
    }

    @Test
    void onATerminalOneLineIsRewrittenAFewTimesASecond() {
        DownloadProgress p = progress(true);
        p.start("a.zip", 0, 10_000_000);
        for (int i = 0; i < 10_000; i++) {
            nanos.addAndGet(1_000_000L);
            p.advance(1_000);
        }
        p.finish();
        String out = text.toString();
        assertThat(out.chars().filter(c -> c == '\r').count()).isBetween(35L, 42L);
        assertThat(out.indexOf('\n')).isEqualTo(out.length() - 1);
        assertThat(out).endsWith("(100.0 %), 1.0 MB/s\n");
    }

    @Test
    void inALogALineIsPrintedAtEveryTenth() {
        DownloadProgress p = progress(false);
        p.start("a.zip", 0, 1_000_000);
        for (int i = 0; i < 1_000; i++) {
            nanos.addAndGet(1_000_000L);
            p.advance(1_000);
        }
        p.finish();
        assertThat(text.toString().lines().toList()).hasSize(11)
                .allMatch(line -> line.startsWith("a.zip: ") && line.contains(" MB of 1.0 MB ("));
    }

    @Test
    void unknownTotalShowsBytesAndSpeed() {
        DownloadProgress p = progress(true);
        p.start("a.zip", 0, -1);
        nanos.set(1_000_000_000L);
        p.advance(3_000_000);
        assertThat(p.line()).isEqualTo("a.zip: 3.0 MB, 3.0 MB/s");
    }
}
