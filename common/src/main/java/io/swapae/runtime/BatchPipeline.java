package io.swapae.runtime;

import io.swapae.image.ImageSize;
import io.swapae.image.ImageTensors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches of model inputs made from a partition's inputs on a producer thread, so that reading, decoding and
 * preprocessing the next batches overlap the model running on the current one. Images are grouped by their
 * preprocessed size (only images of one size can share a batch); a group is handed over when it holds a batch,
 * when the groups together hold more than {@value #PENDING_BATCHES} batches' worth (the oldest group goes), and at
 * the end of the input. Inputs keep their order within a size. At most {@code queueDepth} batches wait ready.
 *
 * <p>An input that cannot be read, decoded or preprocessed becomes a {@link Rejected} record in the next batch; it
 * never ends the iteration. A failure of the input iterator itself is rethrown to the consumer as a
 * {@link PipelineException}. {@link #close()} stops the producer; call it when the consumer stops early.
 *
 * <p>Inputs are held until their batch is handed over: an input iterator that reuses its elements must copy them.
 * The consumer is one thread.
 */
public final class BatchPipeline<T> implements Iterator<Batch<T>>, AutoCloseable {

    /** Batches' worth of images the size groups may hold together before the oldest group is handed over. */
    public static final int PENDING_BATCHES = 4;
    /** Ready batches waiting for the consumer, by default. */
    public static final int DEFAULT_QUEUE_DEPTH = 2;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Object END = new Object();
    private static final long CLOSE_WAIT_MS = 10_000;

    /** A failure of the producer, carried to the consumer. */
    private record Crash(Throwable cause) {
    }

    /** Images of one size waiting for their batch. */
    private record Group<T>(ImageSize size, List<Batch.Member<T>> members, List<ImagePreparer.Prepared> images) {
    }

    private final Iterator<T> inputs;
    private final InputAccess<T> access;
    private final ImagePreparer preparer;
    private final int batchSize;
    private final Runnable onProducerStart;
    private final BlockingQueue<Object> ready;
    private final Thread producer;
    private final Map<ImageSize, Group<T>> groups = new LinkedHashMap<>();
    private List<Rejected<T>> rejected = new ArrayList<>();
    private int pendingImages;
    private volatile boolean closed;
    private Object next;
    private boolean ended;

    private BatchPipeline(Iterator<T> inputs, InputAccess<T> access, ImagePreparer preparer, int batchSize,
                          int queueDepth, Runnable onProducerStart) {
        if (batchSize < 1 || queueDepth < 1) {
            throw new IllegalArgumentException("batch size and queue depth must be >= 1, got " + batchSize + " and "
                    + queueDepth);
        }
        this.inputs = inputs;
        this.access = access;
        this.preparer = preparer;
        this.batchSize = batchSize;
        this.onProducerStart = onProducerStart;
        this.ready = new ArrayBlockingQueue<>(queueDepth);
        this.producer = new Thread(this::produce, "swapae-prepare-" + THREADS.incrementAndGet());
        this.producer.setDaemon(true);
    }

    /** Starts preparing batches of up to {@code batchSize} images from {@code inputs}. */
    public static <T> BatchPipeline<T> start(Iterator<T> inputs, InputAccess<T> access, ImagePreparer preparer,
                                             int batchSize) {
        return start(inputs, access, preparer, batchSize, DEFAULT_QUEUE_DEPTH, () -> { });
    }

    /**
     * Starts preparing batches, with {@code queueDepth} ready batches at most, running {@code onProducerStart} first
     * on the producer thread (a Spark task passes its {@code TaskContext} there, which its input iterator may read).
     */
    public static <T> BatchPipeline<T> start(Iterator<T> inputs, InputAccess<T> access, ImagePreparer preparer,
                                             int batchSize, int queueDepth, Runnable onProducerStart) {
        BatchPipeline<T> pipeline = new BatchPipeline<>(inputs, access, preparer, batchSize, queueDepth,
                onProducerStart);
        pipeline.producer.start();
        return pipeline;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            if (closed) {
                throw new IllegalStateException("pipeline is closed");
            }
            try {
                next = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PipelineException("interrupted while waiting for the next batch", e);
            }
            if (next == END) {
                next = null;
                ended = true;
            } else if (next instanceof Crash crash) {
                next = null;
                ended = true;
                throw new PipelineException("preparing inputs failed: " + crash.cause(), crash.cause());
            }
        }
        return next != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Batch<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch<T> batch = (Batch<T>) next;
        next = null;
        return batch;
    }

    /** Stops the producer (waiting a while for it to finish) and drops the batches not yet handed over. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        producer.interrupt();
        ready.clear();
        try {
            producer.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the producer thread is still running. */
    boolean producerAlive() {
        return producer.isAlive();
    }

    private void produce() {
        try {
            onProducerStart.run();
            while (!closed && inputs.hasNext()) {
                add(inputs.next());
            }
            if (closed) {
                return;
            }
            for (Group<T> g : new ArrayList<>(groups.values())) {
                handOver(g);
            }
            if (!rejected.isEmpty()) {
                put(new Batch<>(null, List.of(), new float[0], takeRejected()));
            }
            put(END);
        } catch (InterruptedException e) {
            // closed by the consumer
        } catch (Throwable t) {
            try {
                ready.clear();
                put(new Crash(t));
            } catch (InterruptedException e) {
                // closed by the consumer
            }
        }
    }

    private void add(T input) throws InterruptedException {
        String source = access.source(input);
        ImagePreparer.Prepared prepared;
        try {
            prepared = preparer.prepare(access.bytes(input));
        } catch (IOException e) {
            reject(new Rejected<>(input, source, Stage.READ, e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
            return;
        } catch (InputRejectedException e) {
            reject(new Rejected<>(input, source, e.stage(), e.error(), e.getMessage()));
            return;
        }
        ImageSize size = prepared.image().size();
        Group<T> group = groups.computeIfAbsent(size, s -> new Group<>(s, new ArrayList<>(), new ArrayList<>()));
        group.members().add(new Batch.Member<>(input, source, prepared.originalWidth(), prepared.originalHeight()));
        group.images().add(prepared);
        pendingImages++;
        if (group.members().size() >= batchSize) {
            handOver(group);
        } else if (pendingImages > PENDING_BATCHES * batchSize) {
            handOver(groups.values().iterator().next());
        }
    }

    private void reject(Rejected<T> r) throws InterruptedException {
        rejected.add(r);
        if (rejected.size() >= batchSize) {
            put(new Batch<>(null, List.of(), new float[0], takeRejected()));
        }
    }

    private void handOver(Group<T> group) throws InterruptedException {
        groups.remove(group.size());
        pendingImages -= group.members().size();
        ImageSize size = group.size();
        int plane = 3 * size.width() * size.height();
        float[] pixels = new float[group.images().size() * plane];
        for (int i = 0; i < group.images().size(); i++) {
            ImageTensors.toChw(group.images().get(i).image(), pixels, i * plane);
        }
        put(new Batch<>(size, group.members(), pixels, takeRejected()));
    }

    private List<Rejected<T>> takeRejected() {
        List<Rejected<T>> taken = rejected;
        rejected = new ArrayList<>();
        return taken;
    }

    private void put(Object item) throws InterruptedException {
        while (!ready.offer(item, 100, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new InterruptedException("closed");
            }
        }
    }
}
