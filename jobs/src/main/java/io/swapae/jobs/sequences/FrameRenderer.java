package io.swapae.jobs.sequences;

import io.swapae.image.ImageEncoder;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.runtime.ExecutorModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: decodes the pictures it is given with the executor's shared model, in batches of codes of one shape
 * ({@link BatchDecoder}), keeps each one's columns, writes it as a PNG and yields what was written, a batch at a time
 * (bounded memory). A picture that decodes to values that are not finite fails its sequence.
 */
final class FrameRenderer implements FlatMapFunction<Iterator<PictureRequest>, RenderedFrame> {

    private static final long serialVersionUID = 1L;

    private final EncodeModel model;
    private final int batchSize;
    private final long seed;
    private final SerializableConfiguration conf;
    private final LongAccumulator done;

    FrameRenderer(EncodeModel model, int batchSize, long seed, SerializableConfiguration conf, LongAccumulator done) {
        this.model = model;
        this.batchSize = batchSize;
        this.seed = seed;
        this.conf = conf;
        this.done = done;
    }

    @Override
    public Iterator<RenderedFrame> call(Iterator<PictureRequest> requests) throws Exception {
        BatchDecoder decoder = new BatchDecoder(ExecutorModels.forTask(model.spec(conf.value()), model.runtime(),
                SparkTasks.current()).network(), batchSize, seed);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(decoder.batches(requests),
                        Spliterator.ORDERED), false)
                .flatMap(batch -> render(decoder, batch).stream()).iterator();
    }

    private List<RenderedFrame> render(BatchDecoder decoder, List<PictureRequest> batch) {
        List<RgbImage> pictures = decoder.decode(batch);
        List<RenderedFrame> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PictureRequest r = batch.get(i);
            if (pictures.get(i) == null) {
                out.add(RenderedFrame.failed(r.sequence(), "picture " + r.index() + " decoded to values that are not"
                        + " finite numbers (NaN or infinite)"));
                continue;
            }
            RgbImage kept = keptColumns(pictures.get(i), r);
            try {
                ImageFiles.write(r.uri(), ImageEncoder.png(kept), conf.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(RenderedFrame.written(r.sequence(), r.index(), r.params(), kept.width(), kept.height()));
            if (done != null) {
                done.add(1);
            }
        }
        return out;
    }

    /** The columns of {@code picture} under the request's kept code columns. */
    static RgbImage keptColumns(RgbImage picture, PictureRequest r) {
        if (r.keepFrom() == 0 && r.keepWidth() == r.shape()[2]) {
            return picture;
        }
        int scale = picture.width() / r.shape()[2];
        return crop(picture, r.keepFrom() * scale, r.keepWidth() * scale);
    }

    /** Columns {@code from} to {@code from + width} of {@code picture}. */
    static RgbImage crop(RgbImage picture, int from, int width) {
        byte[] out = new byte[3 * width * picture.height()];
        for (int y = 0; y < picture.height(); y++) {
            System.arraycopy(picture.pixels(), 3 * (y * picture.width() + from), out, 3 * y * width, 3 * width);
        }
        return new RgbImage(width, picture.height(), out);
    }
}
