package io.swapae.jobs.sequences;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageEncoder;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.model.Codes;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.ExecutorModels;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: runs the recursive chains it is given, step by step. The chains of the task are run in groups of codes
 * of one shape, each step decoding the group's frames in one model call and encoding them again in another; a frame
 * is written as it is decoded, at its index (last first with {@code reverse}). The picture encoded is the written
 * 8-bit frame as it is: a decoded frame is already at the model's input size, so the model's preprocessing (whose
 * resize and crop would zoom by load/crop size every step on a {@code *_and_crop} model) is not applied. A chain
 * whose codes or frame turn non-finite, or whose step fails, is reported as failed and left out of the following
 * steps; the other chains go on.
 */
final class ChainRenderer implements FlatMapFunction<Iterator<ChainRenderer.Chain>, RenderedFrame> {

    private static final long serialVersionUID = 1L;

    /** A chain to run: its sequence id, the code it starts from and the noise id all its frames get. */
    record Chain(String sequence, String startId, float[] structure, int[] shape, float[] texture, long noiseId)
            implements Serializable, BatchDecoder.Codes {
    }

    /** A chain being run: its current codes. */
    private static final class State implements BatchDecoder.Codes {
        final Chain chain;
        float[] structure;
        float[] texture;

        State(Chain chain) {
            this.chain = chain;
            this.structure = chain.structure();
            this.texture = chain.texture();
        }

        @Override
        public float[] structure() {
            return structure;
        }

        @Override
        public int[] shape() {
            return chain.shape();
        }

        @Override
        public float[] texture() {
            return texture;
        }

        @Override
        public long noiseId() {
            return chain.noiseId();
        }
    }

    private final EncodeModel model;
    private final ChainStep step;
    private final int steps;
    private final boolean reverse;
    private final String output;
    private final int batchSize;
    private final long seed;
    private final SerializableConfiguration conf;
    private final LongAccumulator done;

    ChainRenderer(EncodeModel model, ChainStep step, int steps, boolean reverse, String output, int batchSize,
                  long seed, SerializableConfiguration conf, LongAccumulator done) {
        this.model = model;
        this.step = step;
        this.steps = steps;
        this.reverse = reverse;
        this.output = output;
        this.batchSize = batchSize;
        this.seed = seed;
        this.conf = conf;
        this.done = done;
    }

    @Override
    public Iterator<RenderedFrame> call(Iterator<Chain> chains) throws Exception {
        SwappingAutoencoder network = ExecutorModels.forTask(model.spec(conf.value()), model.runtime(),
                SparkTasks.current()).network();
        BatchDecoder decoder = new BatchDecoder(network, batchSize, seed);
        List<RenderedFrame> out = new ArrayList<>();
        for (Iterator<List<Chain>> groups = decoder.batches(chains); groups.hasNext(); ) {
            runGroup(network, decoder, groups.next(), out);
        }
        return out.iterator();
    }

    private void runGroup(SwappingAutoencoder network, BatchDecoder decoder, List<Chain> group,
                          List<RenderedFrame> out) throws IOException {
        List<State> alive = new ArrayList<>();
        for (Chain c : group) {
            if (finite(c.structure()) && finite(c.texture())) {
                alive.add(new State(c));
            } else {
                out.add(RenderedFrame.failed(c.sequence(), "the start code " + c.startId()
                        + " holds values that are not finite numbers (NaN or infinite)"));
            }
        }
        for (int k = 0; k < steps && !alive.isEmpty(); k++) {
            List<RgbImage> frames = decoder.decode(alive);
            List<State> next = new ArrayList<>();
            List<RgbImage> toEncode = new ArrayList<>();
            for (int i = 0; i < alive.size(); i++) {
                State s = alive.get(i);
                RgbImage frame = frames.get(i);
                if (frame == null) {
                    out.add(RenderedFrame.failed(s.chain.sequence(), "frame " + k + " decoded to values that are not"
                            + " finite numbers (NaN or infinite)"));
                    continue;
                }
                int index = reverse ? steps - 1 - k : k;
                ImageFiles.write(SequenceLayout.frame(output, s.chain.sequence(), index), ImageEncoder.png(frame),
                        conf.value());
                out.add(RenderedFrame.written(s.chain.sequence(), index, SequenceIds.json(
                        Map.of("step", k, "start", s.chain.startId())), frame.width(), frame.height()));
                if (done != null) {
                    done.add(1);
                }
                if (k == steps - 1) {
                    continue;
                }
                next.add(s);
                toEncode.add(frame);
            }
            if (k < steps - 1 && !next.isEmpty()) {
                encodeAndStep(network, next, toEncode, k, out);
            }
            alive = next;
        }
    }

    /** Encodes the frames of {@code states} and moves each to the codes of its next frame. */
    private void encodeAndStep(SwappingAutoencoder network, List<State> states, List<RgbImage> frames, int k,
                               List<RenderedFrame> out) {
        int n = states.size();
        RgbImage first = frames.get(0);
        float[] pixels = new float[n * 3 * first.width() * first.height()];
        for (int i = 0; i < n; i++) {
            ImageTensors.toChw(frames.get(i), pixels, i * 3 * first.width() * first.height());
        }
        float[] structures;
        float[] textures;
        long[] structureShape;
        try (NDManager m = network.manager().newSubManager();
             Codes codes = network.encode(m.create(pixels, new Shape(n, 3, first.height(), first.width())))) {
            structures = codes.structure().toFloatArray();
            textures = codes.texture().toFloatArray();
            structureShape = codes.structure().getShape().getShape();
        }
        int[] shape = {(int) structureShape[1], (int) structureShape[2], (int) structureShape[3]};
        int structureSize = shape[0] * shape[1] * shape[2];
        int textureSize = textures.length / n;
        List<State> failed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            State s = states.get(i);
            try {
                if (!Arrays.equals(shape, s.chain.shape())) {
                    throw new IllegalStateException("the frame encodes to a structure code of shape "
                            + Arrays.toString(shape) + ", the chain's is " + Arrays.toString(s.chain.shape()));
                }
                float[] structure = step.structure(Arrays.copyOfRange(structures, i * structureSize,
                        (i + 1) * structureSize), shape);
                float[] texture = step.texture(Arrays.copyOfRange(textures, i * textureSize, (i + 1) * textureSize),
                        seed, s.chain.noiseId(), k);
                if (!finite(structure) || !finite(texture)) {
                    throw new IllegalStateException("the codes of frame " + (k + 1) + " are not finite numbers");
                }
                s.structure = structure;
                s.texture = texture;
            } catch (RuntimeException e) {
                out.add(RenderedFrame.failed(s.chain.sequence(), "step " + (k + 1) + ": " + e.getMessage()));
                failed.add(s);
            }
        }
        states.removeAll(failed);
    }

    private static boolean finite(float[] values) {
        return BatchDecoder.finite(values, 0, values.length);
    }
}
