package io.swapae.jobs.mix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.model.Noise;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.ExecutorModels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: decodes the cells it is given with the executor's shared model, in batches of cells with structure
 * codes of one shape, and writes each as a PNG at its URI through the Hadoop file system. A cell's noise is that of
 * its noise id under the seed, so the same cell decodes the same in any batch.
 */
final class CellRenderer implements FlatMapFunction<Iterator<CellRenderer.Cell>, CellRenderer.Written> {

    private static final long serialVersionUID = 1L;

    /** A cell to decode: the codes it mixes and where its picture goes. */
    record Cell(String id, String uri, float[] structure, int[] structureShape, float[] texture, long noiseId)
            implements Serializable {
    }

    /** A written cell: its id and picture size. */
    record Written(String id, int width, int height) implements Serializable {
    }

    private final EncodeModel model;
    private final int batchSize;
    private final long seed;
    private final SerializableConfiguration conf;

    CellRenderer(EncodeModel model, int batchSize, long seed, SerializableConfiguration conf) {
        this.model = model;
        this.batchSize = batchSize;
        this.seed = seed;
        this.conf = conf;
    }

    @Override
    public Iterator<Written> call(Iterator<Cell> cells) throws Exception {
        SwappingAutoencoder network = ExecutorModels.forTask(model.spec(conf.value()), model.runtime(),
                SparkTasks.current()).network();
        List<Written> written = new ArrayList<>();
        List<Cell> batch = new ArrayList<>();
        while (cells.hasNext()) {
            Cell cell = cells.next();
            if (!batch.isEmpty() && (batch.size() == batchSize
                    || !Arrays.equals(batch.get(0).structureShape(), cell.structureShape()))) {
                written.addAll(decode(network, batch));
                batch.clear();
            }
            batch.add(cell);
        }
        if (!batch.isEmpty()) {
            written.addAll(decode(network, batch));
        }
        return written.iterator();
    }

    private List<Written> decode(SwappingAutoencoder network, List<Cell> batch) throws IOException {
        int k = batch.size();
        int[] shape = batch.get(0).structureShape();
        int structureSize = batch.get(0).structure().length;
        int textureSize = batch.get(0).texture().length;
        float[] structures = new float[k * structureSize];
        float[] textures = new float[k * textureSize];
        long[] noiseIds = new long[k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(batch.get(i).structure(), 0, structures, i * structureSize, structureSize);
            System.arraycopy(batch.get(i).texture(), 0, textures, i * textureSize, textureSize);
            noiseIds[i] = batch.get(i).noiseId();
        }
        List<Written> written = new ArrayList<>();
        try (NDManager m = network.manager().newSubManager()) {
            NDArray s = m.create(structures, new Shape(k, shape[0], shape[1], shape[2]));
            NDArray t = m.create(textures, new Shape(k, textureSize));
            NDArray decoded = network.generate(s, t, Noise.seeded(seed, noiseIds));
            int h = (int) decoded.getShape().get(2);
            int w = (int) decoded.getShape().get(3);
            float[] pixels = decoded.toFloatArray();
            for (int i = 0; i < k; i++) {
                RgbImage image = ImageTensors.fromChw(pixels, i * 3 * h * w, w, h);
                write(batch.get(i).uri(), ImageEncoder.png(image));
                written.add(new Written(batch.get(i).id(), w, h));
            }
        }
        return written;
    }

    private void write(String uri, byte[] png) throws IOException {
        Path target = new Path(uri);
        try (OutputStream out = target.getFileSystem(conf.value()).create(target, true)) {
            out.write(png);
        } catch (IOException e) {
            throw new IOException("cannot write the cell " + target + ": " + e.getMessage(), e);
        }
    }
}
