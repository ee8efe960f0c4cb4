package io.swapae.jobs.models;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a download on the console: bytes so far, total, percentage and speed. On a terminal one line is
 * rewritten in place a few times a second; otherwise (a log file) a line is printed at every tenth of the total.
 */
public final class DownloadProgress {

    private static final long INTERVAL_NANOS = 250_000_000L;
    private static final double MB = 1e6;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private String label;
    private long total;
    private long done;
    private long startBytes;
    private long startNanos;
    private long shownNanos;
    private long shownTenth;
    private int width;

    /** Progress printed to {@code out}, rewriting one line when {@code terminal}. */
    public DownloadProgress(PrintWriter out, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** Progress on {@code out}, rewriting one line when this process has a console. */
    public static DownloadProgress console(PrintWriter out) {
        return new DownloadProgress(out, System.console() != null, System::nanoTime);
    }

    /** A transfer of {@code label} begins with {@code done} bytes already there, of {@code total} (-1: unknown). */
    public void start(String label, long done, long total) {
        this.label = label;
        this.done = done;
        this.total = total;
        this.startBytes = done;
        this.startNanos = nanoClock.getAsLong();
        this.shownNanos = startNanos;
        this.shownTenth = tenth();
        if (done > 0) {
            show(true);
        }
    }

    /** {@code bytes} more arrived. */
    public void advance(long bytes) {
        done += bytes;
        long now = nanoClock.getAsLong();
        if (terminal ? now - shownNanos >= INTERVAL_NANOS : tenth() > shownTenth) {
            shownNanos = now;
            shownTenth = tenth();
            show(false);
        }
    }

    /** The transfer stopped (complete or not): shows the last state and ends the line. */
    public void finish() {
        show(false);
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    /** The current line, e.g. {@code a.zip: 812.3 MB of 2146.0 MB (37.9 %), 11.2 MB/s}. */
    String line() {
        double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
        double speed = seconds > 0 ? (done - startBytes) / MB / seconds : 0;
        String size = total > 0
                ? String.format(Locale.ROOT, "%.1f MB of %.1f MB (%.1f %%)", done / MB, total / MB, 100.0 * done / total)
                : String.format(Locale.ROOT, "%.1f MB", done / MB);
        return String.format(Locale.ROOT, "%s: %s, %.1f MB/s", label, size, speed);
    }

    private long tenth() {
        return total > 0 ? done * 10 / total : done / (100 * (long) MB);
    }

    private void show(boolean resumed) {
        String line = line() + (resumed ? " (resuming)" : "");
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }
}
