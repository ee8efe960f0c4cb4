package io.swapae.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageSize;
import io.swapae.image.Preprocess;
import io.swapae.image.Preprocessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {

    static final ImagePreparer PREPARER = new ImagePreparer(new ImageDecoder(),
            new Preprocessor(Preprocess.of("none", 128, 128)), ModelSpecTest.SMALL);

    private static List<Batch<Inputs>> drain(BatchPipeline<Inputs> pipeline) {
        List<Batch<Inputs>> batches = new ArrayList<>();
        try (pipeline) {
            pipeline.forEachRemaining(batches::add);
        }
        return batches;
    }

    private static List<String> members(List<Batch<Inputs>> batches) {
        return batches.stream().flatMap(b -> b.members().stream()).map(Batch.Member::source).toList();
    }

    @Test
    void sameSizeInputsKeepTheirOrderInFullBatches() {
        List<Inputs> in = IntStream.range(0, 7).mapToObj(i -> Inputs.png("img" + i, 128, 128, i)).toList();
        List<Batch<Inputs>> batches = drain(BatchPipeline.start(in.iterator(), Inputs.ACCESS, PREPARER, 3));
        assertThat(batches).extracting(b -> b.members().size()).containsExactly(3, 3, 1);
        assertThat(members(batches)).containsExactly("img0", "img1", "img2", "img3", "img4", "img5", "img6");
        assertThat(batches.get(0).pixels()).hasSize(3 * 3 * 128 * 128);
        assertThat(batches.get(0).size()).isEqualTo(new ImageSize(128, 128));
    }

    @Test
    void imagesOfDifferentSizesNeverShareABatch() {
        List<Inputs> in = List.of(Inputs.png("a0", 128, 128, 0), Inputs.png("b0", 144, 128, 1),
                Inputs.png("a1", 128, 128, 2), Inputs.png("b1", 144, 128, 3), Inputs.png("a2", 128, 128, 4));
        List<Batch<Inputs>> batches = drain(BatchPipeline.start(in.iterator(), Inputs.ACCESS, PREPARER, 2));
        for (Batch<Inputs> b : batches) {
            assertThat(b.members()).allSatisfy(m -> assertThat(m.source().charAt(0))
                    .isEqualTo(b.size().width() == 128 ? 'a' : 'b'));
            assertThat(b.pixels()).hasSize(b.members().size() * 3 * b.size().width() * b.size().height());
        }
        assertThat(members(batches)).containsExactlyInAnyOrder("a0", "a1", "a2", "b0", "b1");
        assertThat(members(batches).stream().filter(s -> s.startsWith("a")).toList()).containsExactly("a0", "a1", "a2");
        assertThat(batches.get(0).members()).extracting(Batch.Member::source).containsExactly("a0", "a1");
    }

    @Test
    void badInputsBecomeRejectedRecordsWithTheirReason() {
        List<Inputs> in = List.of(Inputs.png("ok0", 128, 128, 0), Inputs.text("notes.txt"),
                new Inputs("unreadable.png", new byte[0]), Inputs.png("tiny.png", 32, 32, 1),
                new Inputs("empty.png", new byte[0]), Inputs.png("ok1", 128, 128, 2));
        List<Batch<Inputs>> batches = drain(BatchPipeline.start(in.iterator(), Inputs.ACCESS, PREPARER, 4));
        List<Rejected<Inputs>> rejected = batches.stream().flatMap(b -> b.rejected().stream()).toList();
        assertThat(members(batches)).containsExactly("ok0", "ok1");
        assertThat(rejected).extracting(Rejected::source)
                .containsExactly("notes.txt", "unreadable.png", "tiny.png", "empty.png");
        assertThat(rejected).extracting(r -> r.stage().label() + "/" + r.error()).containsExactly(
                "decode/NOT_AN_IMAGE", "read/IOException", "preprocess/INVALID_SIZE", "decode/EMPTY");
        assertThat(rejected.get(1).message()).contains("connection reset");
        assertThat(rejected.get(2).message()).contains("32x32");
        assertThat(rejected.get(0).input()).isSameAs(in.get(1));
    }

    @Test
    void manyRejectsInARowAreHandedOverWithoutWaitingForImages() {
        List<Inputs> in = IntStream.range(0, 5).mapToObj(i -> Inputs.text("bad" + i)).toList();
        List<Batch<Inputs>> batches = drain(BatchPipeline.start(in.iterator(), Inputs.ACCESS, PREPARER, 2));
        assertThat(batches).extracting(b -> b.rejected().size()).containsExactly(2, 2, 1);
        assertThat(batches).allSatisfy(b -> assertThat(b.members()).isEmpty());
    }

    @Test
    void producerPreparesTheNextBatchWhileTheConsumerHoldsOne() throws Exception {
        CountDownLatch secondBatchRead = new CountDownLatch(1);
        List<Inputs> in = List.of(Inputs.png("first", 128, 128, 0), Inputs.png("second", 128, 128, 1));
        InputAccess<Inputs> access = new InputAccess<>() {
            @Override
            public String source(Inputs input) {
                return input.name();
            }

            @Override
            public byte[] bytes(Inputs input) {
                if (input.name().equals("second")) {
                    secondBatchRead.countDown();
                }
                return input.bytes();
            }
        };
        try (BatchPipeline<Inputs> pipeline = BatchPipeline.start(in.iterator(), access, PREPARER, 1)) {
            assertThat(pipeline.next().members()).extracting(Batch.Member::source).containsExactly("first");
            assertThat(secondBatchRead.await(30, TimeUnit.SECONDS)).as("second input read before next()").isTrue();
            assertThat(pipeline.next().members()).extracting(Batch.Member::source).containsExactly("second");
            assertThat(pipeline.hasNext()).isFalse();
        }
    }

    @Test
    void closingEarlyStopsTheProducer() throws Exception {
        AtomicInteger pulled = new AtomicInteger();
        Inputs image = Inputs.png("same", 128, 128, 0);
        Iterator<Inputs> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Inputs next() {
                pulled.incrementAndGet();
                return image;
            }
        };
        BatchPipeline<Inputs> pipeline = BatchPipeline.start(endless, Inputs.ACCESS, PREPARER, 1);
        pipeline.next();
        pipeline.close();
        assertThat(pipeline.producerAlive()).isFalse();
        int afterClose = pulled.get();
        Thread.sleep(50);
        assertThat(pulled.get()).isEqualTo(afterClose).isLessThanOrEqualTo(1 + BatchPipeline.DEFAULT_QUEUE_DEPTH + 2);
    }

    @Test
    void failureOfTheInputIteratorReachesTheConsumer() {
        Iterator<Inputs> broken = new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Inputs next() {
                if (n++ == 1) {
                    throw new IllegalStateException("partition source vanished");
                }
                return Inputs.png("ok", 128, 128, 0);
            }
        };
        try (BatchPipeline<Inputs> pipeline = BatchPipeline.start(broken, Inputs.ACCESS, PREPARER, 1)) {
            assertThatThrownBy(() -> pipeline.forEachRemaining(b -> { }))
                    .isInstanceOf(PipelineException.class)
                    .hasMessageContaining("partition source vanished")
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void producerStartHookRunsOnTheProducerThread() {
        List<String> threads = new ArrayList<>();
        List<Batch<Inputs>> batches = drain(BatchPipeline.start(List.of(Inputs.png("x", 128, 128, 0)).iterator(),
                Inputs.ACCESS, PREPARER, 1, 1, () -> threads.add(Thread.currentThread().getName())));
        assertThat(batches).hasSize(1);
        assertThat(threads).singleElement().asString().startsWith("swapae-prepare-");
    }
}
