package io.swapae.jobs.directions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.latent.DirectionEdits;
import io.swapae.model.Noise;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.ExecutorModels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: the preview strips of the components it is given. A strip has one row per preview code and one column
 * per step ({@link #STEPS} standard deviations along the direction); each row's steps are decoded together, in
 * batches, by the executor's shared model, and the strip is written as a PNG under {@code CAT/previews/}.
 */
final class PreviewRenderer implements FlatMapFunction<Iterator<Integer>, PreviewRenderer.Strip> {

    private static final long serialVersionUID = 1L;

    /** The steps of a strip, in standard deviations of the projections on the direction. */
    static final double[] STEPS = {-3, -2, -1, 0, 1, 2, 3};
    private static final int GAP = 2;

    /** A code shown in the strips. */
    record PreviewCode(String id, float[] structure, int[] structureShape, float[] texture) implements Serializable {
    }

    /** A written strip: its component, file (relative to the catalogue folder) and size. */
    record Strip(int component, String file, int width, int height) implements Serializable {

        /** As recorded in {@code catalogue.json}. */
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("component", component);
            m.put("file", file);
            m.put("width", width);
            m.put("height", height);
            return m;
        }
    }

    private final EncodeModel model;
    private final CodeSpace space;
    private final double[][] directions;
    private final double[] sigmas;
    private final List<PreviewCode> codes;
    private final int batchSize;
    private final long seed;
    private final String folder;
    private final SerializableConfiguration conf;

    PreviewRenderer(EncodeModel model, DirectionCatalogue catalogue, int components, List<PreviewCode> codes,
                    int batchSize, long seed, String catalogueFolder, SerializableConfiguration conf) {
        this.model = model;
        this.space = catalogue.space();
        this.directions = new double[components][];
        this.sigmas = new double[components];
        for (int c = 0; c < components; c++) {
            directions[c] = catalogue.directions().get(c).vector();
            sigmas[c] = catalogue.directions().get(c).sigma();
        }
        this.codes = List.copyOf(codes);
        this.batchSize = batchSize;
        this.seed = seed;
        this.folder = catalogueFolder;
        this.conf = conf;
    }

    /** The file of component {@code c}'s strip, relative to the catalogue folder. */
    static String file(int component) {
        return String.format(Locale.ROOT, "previews/component-%03d.png", component);
    }

    @Override
    public Iterator<Strip> call(Iterator<Integer> components) throws Exception {
        SwappingAutoencoder network = ExecutorModels.forTask(model.spec(conf.value()), model.runtime(), SparkTasks.current())
                .network();
        List<Strip> written = new ArrayList<>();
        while (components.hasNext()) {
            int c = components.next();
            List<RgbImage[]> rows = new ArrayList<>();
            for (PreviewCode code : codes) {
                rows.add(decodeSteps(network, code, c));
            }
            RgbImage strip = compose(rows);
            String file = file(c);
            Path target = new Path(folder, file);
            try (OutputStream out = target.getFileSystem(conf.value()).create(target, true)) {
                out.write(ImageEncoder.png(strip));
            } catch (IOException e) {
                throw new IOException("cannot write the preview " + target + ": " + e.getMessage(), e);
            }
            written.add(new Strip(c, file, strip.width(), strip.height()));
        }
        return written.iterator();
    }

    /** The images of {@code code} moved along direction {@code c} by each step. */
    private RgbImage[] decodeSteps(SwappingAutoencoder network, PreviewCode code, int c) {
        int[] shape = code.structureShape();
        int structureSize = code.structure().length;
        int textureSize = code.texture().length;
        RgbImage[] images = new RgbImage[STEPS.length];
        for (int from = 0; from < STEPS.length; from += batchSize) {
            int k = Math.min(batchSize, STEPS.length - from);
            float[] structures = new float[k * structureSize];
            float[] textures = new float[k * textureSize];
            for (int i = 0; i < k; i++) {
                double amount = STEPS[from + i] * sigmas[c];
                float[] structure = code.structure();
                float[] texture = code.texture();
                switch (space) {
                    case TEXTURE -> texture = DirectionEdits.along(texture, directions[c], amount);
                    case STRUCTURE -> structure = DirectionEdits.along(structure, directions[c], amount);
                    case STRUCTURE_LOCAL -> structure = DirectionEdits.alongEachLocation(structure, shape,
                            directions[c], amount, null);
                }
                System.arraycopy(structure, 0, structures, i * structureSize, structureSize);
                System.arraycopy(texture, 0, textures, i * textureSize, textureSize);
            }
            try (NDManager m = network.manager().newSubManager()) {
                NDArray s = m.create(structures, new Shape(k, shape[0], shape[1], shape[2]));
                NDArray t = m.create(textures, new Shape(k, textureSize));
                NDArray decoded = network.generate(s, t, Noise.shared(seed));
                Shape out = decoded.getShape();
                int h = (int) out.get(2);
                int w = (int) out.get(3);
                float[] pixels = decoded.toFloatArray();
                for (int i = 0; i < k; i++) {
                    images[from + i] = ImageTensors.fromChw(pixels, i * 3 * h * w, w, h);
                }
            }
        }
        return images;
    }

    /**
     * Rows of images on a white background, {@link #GAP} pixels apart. Rows may differ in size (codes of other
     * aspect ratios), which {@code ImageGrid}'s equal cells do not allow.
     */
    static RgbImage compose(List<RgbImage[]> rows) {
        int width = 0;
        int height = GAP;
        for (RgbImage[] row : rows) {
            int w = GAP;
            int h = 0;
            for (RgbImage image : row) {
                w += image.width() + GAP;
                h = Math.max(h, image.height());
            }
            width = Math.max(width, w);
            height += h + GAP;
        }
        byte[] pixels = new byte[3 * width * height];
        Arrays.fill(pixels, (byte) 255);
        int y = GAP;
        for (RgbImage[] row : rows) {
            int x = GAP;
            int h = 0;
            for (RgbImage image : row) {
                for (int r = 0; r < image.height(); r++) {
                    System.arraycopy(image.pixels(), 3 * r * image.width(), pixels, 3 * ((y + r) * width + x),
                            3 * image.width());
                }
                x += image.width() + GAP;
                h = Math.max(h, image.height());
            }
            y += h + GAP;
        }
        return new RgbImage(width, height, pixels);
    }
}
