package io.swapae.jobs.encode;

import io.swapae.image.ImageDecoder;
import io.swapae.image.Preprocessor;
import io.swapae.jobs.runtime.JobProgress;
import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.runtime.BatchPipeline;
import io.swapae.runtime.EncodeResult;
import io.swapae.runtime.EncodeRunner;
import io.swapae.runtime.Encoded;
import io.swapae.runtime.ExecutorModels;
import io.swapae.runtime.ImagePreparer;
import io.swapae.runtime.InputAccess;
import io.swapae.runtime.LoadedModel;
import io.swapae.runtime.Rejected;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * In a task: reads, decodes and preprocesses the inputs on a producer thread while the executor's shared model
 * encodes the previous batch, and streams one result row per input: a code, or an error with its stage and reason.
 * A bad input never fails the task.
 */
final class PartitionEncoder implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final EncodeModel model;
    private final int batchSize;
    private final long maxPixels;
    private final SerializableConfiguration conf;
    private final LongAccumulator done;
    private final LongAccumulator failed;

    PartitionEncoder(EncodeModel model, EncodeOptions options, SerializableConfiguration conf, JobProgress progress) {
        this.model = model;
        this.batchSize = options.batchSize();
        this.maxPixels = options.maxPixels();
        this.conf = conf;
        this.done = progress.done();
        this.failed = progress.failed();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> inputs) throws Exception {
        LoadedModel loaded = ExecutorModels.forTask(model.spec(conf.value()), model.runtime(),
                SparkTasks.current());
        ImagePreparer preparer = new ImagePreparer(new ImageDecoder().withMaxPixels(maxPixels),
                new Preprocessor(model.preprocess()), loaded.network().architecture());
        EncodeRunner<Row> runner = new EncodeRunner<>(loaded.network(), BatchPipeline.start(distinctIds(inputs),
                new RowAccess(conf),
                preparer, batchSize, BatchPipeline.DEFAULT_QUEUE_DEPTH, SparkTasks.propagateTaskContext()));
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) ctx -> runner.close());
        }
        String preprocess = model.preprocess().toString();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return runner.hasNext();
            }

            @Override
            public Row next() {
                EncodeResult<Row> r = runner.next();
                done.add(1);
                if (r instanceof Encoded<Row> e) {
                    return RowFactory.create(Tables.CODE, id(e.input()), e.source(), e.width(), e.height(),
                            model.fingerprint(), preprocess, e.structure(), e.structureShape(), e.texture(), null, null, null);
                }
                Rejected<Row> x = (Rejected<Row>) r;
                failed.add(1);
                return RowFactory.create(Tables.ERROR, id(x.input()), x.source(), null, null, null, null, null, null,
                        null, x.stage().name().toLowerCase(Locale.ROOT), x.error(), x.message());
            }
        };
    }

    /** Drops rows whose id repeats the previous row's (the partition is sorted by id, then source). */
    private static Iterator<Row> distinctIds(Iterator<Row> sorted) {
        return new Iterator<>() {
            private Row next;
            private String last;

            @Override
            public boolean hasNext() {
                while (next == null && sorted.hasNext()) {
                    Row row = sorted.next();
                    if (!id(row).equals(last)) {
                        last = id(row);
                        next = row;
                    }
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }
        };
    }

    private static String id(Row input) {
        return input.getString(input.fieldIndex("id"));
    }

    /** Inputs are rows {@code (id, source, content)}: the bytes inline, or read from the source URI. */
    private static final class RowAccess implements InputAccess<Row> {
        private final SerializableConfiguration conf;

        RowAccess(SerializableConfiguration conf) {
            this.conf = conf;
        }

        @Override
        public String source(Row input) {
            return input.getString(input.fieldIndex("source"));
        }

        @Override
        public byte[] bytes(Row input) throws IOException {
            int content = input.fieldIndex("content");
            if (!input.isNullAt(content)) {
                return input.getAs(content);
            }
            Path path = new Path(source(input));
            try (InputStream in = path.getFileSystem(conf.value()).open(path)) {
                return in.readAllBytes();
            }
        }
    }
}
