package io.swapae.jobs.runtime;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * A job's progress on the driver's console: items done of the total, items per second and errors. Tasks count into
 * two accumulators ({@link #done()}, {@link #failed()}); finished tasks are read from the accumulators and running
 * ones from the values their executors report with each heartbeat, so the figures move during long tasks too. On a
 * terminal the line is rewritten in place; otherwise a line is printed every {@code interval} seconds.
 */
public final class JobProgress implements AutoCloseable {

    private final SparkContext spark;
    private final String label;
    private final long total;
    private final PrintWriter console;
    private final boolean terminal;
    private final LongAccumulator done;
    private final LongAccumulator failed;
    private final Listener listener;
    private final ScheduledExecutorService printer;
    private final long start = System.nanoTime();

    private JobProgress(SparkContext spark, String label, long total, PrintWriter console, boolean terminal,
                        long intervalSeconds) {
        this.spark = spark;
        this.label = label;
        this.total = total;
        this.console = console;
        this.terminal = terminal;
        this.done = spark.longAccumulator(label + ": done");
        this.failed = spark.longAccumulator(label + ": errors");
        this.listener = new Listener(done.id(), failed.id());
        spark.addSparkListener(listener);
        this.printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "swapae-progress");
            t.setDaemon(true);
            return t;
        });
        if (console != null) {
            long period = terminal ? 1 : intervalSeconds;
            printer.scheduleAtFixedRate(this::print, period, period, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts counting {@code label} (e.g. {@code encode}) over {@code total} items and reporting to {@code console}
     * ({@code null}: count only); a line on a terminal is rewritten each second, otherwise one is printed every
     * {@code intervalSeconds}.
     */
    public static JobProgress start(SparkContext spark, String label, long total, PrintWriter console,
                                    boolean terminal, long intervalSeconds) {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("progress interval must be >= 1 s, got " + intervalSeconds);
        }
        return new JobProgress(spark, label, total, console, terminal, intervalSeconds);
    }

    /** The count of items done, to add to in tasks (errors included). */
    public LongAccumulator done() {
        return done;
    }

    /** The count of items that failed, to add to in tasks. */
    public LongAccumulator failed() {
        return failed;
    }

    /** Items done so far, including what running tasks last reported. */
    public long doneSoFar() {
        return Math.min(total, done.value() + listener.running(done.id()));
    }

    /** Items failed so far, including what running tasks last reported. */
    public long failedSoFar() {
        return failed.value() + listener.running(failed.id());
    }

    /** The progress line as printed. */
    public String line() {
        long n = doneSoFar();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = seconds > 0 ? n / seconds : 0;
        String eta = rate > 0 && n < total ? ", " + duration((total - n) / rate) + " left" : "";
        return String.format(Locale.ROOT, "%s: %d/%d (%.0f %%), %.1f/s, %d errors%s", label, n, total,
                total == 0 ? 100.0 : 100.0 * n / total, rate, failedSoFar(), eta);
    }

    private synchronized void print() {
        if (terminal) {
            console.print("\r" + line() + "\u001b[K");
        } else {
            console.println(line());
        }
        console.flush();
    }

    /** Stops reporting and prints the last line. */
    @Override
    public void close() {
        printer.shutdownNow();
        spark.removeSparkListener(listener);
        if (console == null) {
            return;
        }
        synchronized (this) {
            console.print((terminal ? "\r" : "") + line() + (terminal ? "\u001b[K" : "") + System.lineSeparator());
            console.flush();
        }
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** The latest accumulator values of running tasks, from executor heartbeats; dropped when a task ends. */
    private static final class Listener extends SparkListener {
        private final long doneId;
        private final long failedId;
        private final Map<Long, long[]> running = new ConcurrentHashMap<>();
        private final Set<Long> ended = ConcurrentHashMap.newKeySet();

        Listener(long doneId, long failedId) {
            this.doneId = doneId;
            this.failedId = failedId;
        }

        long running(long accumulator) {
            int slot = accumulator == doneId ? 0 : 1;
            return running.values().stream().mapToLong(v -> v[slot]).sum();
        }

        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            for (Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task
                    : JavaConverters.seqAsJavaList(update.accumUpdates())) {
                long[] values = new long[2];
                for (AccumulableInfo info : JavaConverters.seqAsJavaList(task._4())) {
                    if ((info.id() == doneId || info.id() == failedId) && info.update().isDefined()) {
                        values[info.id() == doneId ? 0 : 1] = ((Number) info.update().get()).longValue();
                    }
                }
                long id = (Long) task._1();
                if ((values[0] != 0 || values[1] != 0) && !ended.contains(id)) {
                    running.put(id, values);
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            ended.add(end.taskInfo().taskId());
            running.remove(end.taskInfo().taskId());
        }
    }
}
