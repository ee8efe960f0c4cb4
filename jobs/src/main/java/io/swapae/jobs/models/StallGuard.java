package io.swapae.jobs.models;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body that has sent nothing for a while, since {@code java.net.http} has no read timeout for
 * bodies (and its body stream ignores interrupts): the blocked read then fails, and {@link #stalled()} says why.
 */
final class StallGuard implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "swapae-download-stall-guard");
        t.setDaemon(true);
        return t;
    });

    private final Closeable body;
    private final long limitNanos;
    private final ScheduledFuture<?> check;
    private volatile long last = System.nanoTime();
    private volatile boolean stalled;

    /** Guards {@code body}, closing it once nothing arrived for {@code limit}. */
    StallGuard(Closeable body, Duration limit) {
        this.body = body;
        this.limitNanos = limit.toNanos();
        long period = Math.max(1, Math.min(1000, limit.toMillis() / 4));
        this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Bytes arrived. */
    void advanced() {
        last = System.nanoTime();
    }

    /** Whether the guard closed the body. */
    boolean stalled() {
        return stalled;
    }

    private void check() {
        if (!stalled && System.nanoTime() - last > limitNanos) {
            stalled = true;
            try {
                body.close();
            } catch (IOException e) {
                // the reader sees the transfer fail either way
            }
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
