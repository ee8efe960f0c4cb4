package io.swapae.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.jobs.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

class JobProgressTest {

    /** Released by the driver once it has seen the running tasks' counts; tasks run in this JVM (local mode). */
    private static volatile CountDownLatch release;

    @Test
    void runningTasksCountsReachTheDriverBeforeTheyFinish() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        StringWriter console = new StringWriter();
        release = new CountDownLatch(1);
        try (JobProgress progress = JobProgress.start(sc.sc(), "test", 10, new PrintWriter(console), false, 1)) {
            LongAccumulator done = progress.done();
            LongAccumulator failed = progress.failed();
            Thread job = new Thread(() -> sc.parallelize(List.of(1, 2), 2).foreach(i -> {
                done.add(5);
                failed.add(i == 1 ? 1 : 0);
                release.await(60, TimeUnit.SECONDS);
            }));
            job.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (progress.doneSoFar() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(progress.doneSoFar()).as("seen while the tasks run").isEqualTo(10);
            assertThat(progress.failedSoFar()).isEqualTo(1);
            assertThat(done.value()).as("nothing finished yet").isZero();
            release.countDown();
            job.join(60_000);
            assertThat(progress.doneSoFar()).as("after the tasks ended").isEqualTo(10);
            assertThat(progress.line()).startsWith("test: 10/10 (100 %), ").endsWith(", 1 errors");
        }
        assertThat(console.toString().lines().toList()).isNotEmpty()
                .last().asString().startsWith("test: 10/10 (100 %)");
    }

    @Test
    void doneNeverExceedsTheTotal() {
        try (JobProgress progress = JobProgress.start(TestSpark.session().sparkContext(), "test", 3, null, false, 1)) {
            progress.done().add(5);
            assertThat(progress.doneSoFar()).isEqualTo(3);
            assertThat(progress.line()).startsWith("test: 3/3 (100 %)").doesNotContain("left");
        }
    }
}
