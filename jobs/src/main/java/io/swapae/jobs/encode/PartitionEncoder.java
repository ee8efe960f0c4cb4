package io.swapae.jobs.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageDecodeException;
import io.swapae.image.ImageDecoder;
import io.swapae.image.ImageSize;
import io.swapae.image.ImageTensors;
import io.swapae.image.Preprocessor;
import io.swapae.image.RgbImage;
import io.swapae.model.Codes;
import io.swapae.model.SwappingAutoencoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: reads, decodes and preprocesses each input, encodes them in batches of one size with the executor's
 * model, and emits one result row per input, a code or an error with its stage and reason. A bad input never
 * fails the task.
 */
final class PartitionEncoder implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final EncodeModel model;
    private final int batchSize;
    private final long maxPixels;
    private final SerializableConfiguration conf;

    PartitionEncoder(EncodeModel model, EncodeOptions options, SerializableConfiguration conf) {
        this.model = model;
        this.batchSize = options.batchSize();
        this.maxPixels = options.maxPixels();
        this.conf = conf;
    }

    /** An input decoded and preprocessed, waiting for its batch. */
    private record Pending(String id, String source, int width, int height, RgbImage image) {
    }

    @Override
    public Iterator<Row> call(Iterator<Row> inputs) throws Exception {
        SwappingAutoencoder network = model.network();
        ImageDecoder decoder = new ImageDecoder().withMaxPixels(maxPixels);
        Preprocessor preprocessor = new Preprocessor(model.preprocess());
        String preprocess = model.preprocess().toString();
        List<Row> out = new ArrayList<>();
        Map<ImageSize, List<Pending>> groups = new LinkedHashMap<>();
        while (inputs.hasNext()) {
            Row row = inputs.next();
            String id = row.getString(row.fieldIndex("id"));
            String source = row.getString(row.fieldIndex("source"));
            byte[] content = row.isNullAt(row.fieldIndex("content")) ? null : row.getAs("content");
            String stage = "read";
            try {
                byte[] bytes = content != null ? content : read(source);
                stage = "decode";
                RgbImage image = decoder.decode(bytes);
                stage = "preprocess";
                RgbImage prepared = preprocessor.apply(image);
                model.architecture().checkInputSize(prepared.height(), prepared.width());
                List<Pending> group = groups.computeIfAbsent(prepared.size(), k -> new ArrayList<>());
                group.add(new Pending(id, source, image.width(), image.height(), prepared));
                if (group.size() >= batchSize) {
                    encode(network, group, preprocess, out);
                    group.clear();
                }
            } catch (ImageDecodeException e) {
                out.add(error(source, id, stage, e.reason().name(), e.getMessage()));
            } catch (IOException | RuntimeException e) {
                out.add(error(source, id, stage, stage.equals("preprocess") ? "INVALID_SIZE" : e.getClass().getSimpleName(),
                        ContentIds.oneLine(e)));
            }
        }
        for (List<Pending> group : groups.values()) {
            if (!group.isEmpty()) {
                encode(network, group, preprocess, out);
            }
        }
        return out.iterator();
    }

    private byte[] read(String source) throws IOException {
        Path path = new Path(source);
        try (InputStream in = path.getFileSystem(conf.value()).open(path)) {
            return in.readAllBytes();
        }
    }

    private void encode(SwappingAutoencoder network, List<Pending> batch, String preprocess, List<Row> out) {
        int n = batch.size();
        int w = batch.get(0).image().width();
        int h = batch.get(0).image().height();
        float[] pixels = new float[n * 3 * h * w];
        for (int i = 0; i < n; i++) {
            ImageTensors.toChw(batch.get(i).image(), pixels, i * 3 * h * w);
        }
        try (NDManager scope = network.manager().newSubManager()) {
            NDArray images = scope.create(pixels, new Shape(n, 3, h, w));
            Codes codes = network.encode(images);
            float[] structure = codes.structure().toFloatArray();
            float[] texture = codes.texture().toFloatArray();
            long[] s = codes.structure().getShape().getShape();
            int per = (int) (s[1] * s[2] * s[3]);
            int tex = (int) codes.texture().getShape().get(1);
            Integer[] shape = {(int) s[1], (int) s[2], (int) s[3]};
            for (int i = 0; i < n; i++) {
                Pending p = batch.get(i);
                out.add(RowFactory.create(Tables.CODE, p.id(), p.source(), p.width(), p.height(), model.fingerprint(),
                        preprocess, boxed(structure, i * per, per), shape, boxed(texture, i * tex, tex),
                        null, null, null));
            }
        }
    }

    private static Float[] boxed(float[] v, int offset, int length) {
        Float[] out = new Float[length];
        for (int i = 0; i < length; i++) {
            out[i] = v[offset + i];
        }
        return out;
    }

    private static Row error(String source, String id, String stage, String error, String message) {
        return RowFactory.create(Tables.ERROR, id, source, null, null, null, null, null, null, null, stage, error,
                message);
    }
}
