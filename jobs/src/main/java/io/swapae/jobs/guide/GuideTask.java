package io.swapae.jobs.guide;

import io.swapae.clip.ClipModel;
import io.swapae.guidance.GuidanceLoop;
import io.swapae.guidance.GuidancePair;
import io.swapae.guidance.GuidanceResult;
import io.swapae.guidance.GuidanceSettings;
import io.swapae.guidance.PromptEmbeddings;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.runtime.SparkTasks;
import io.swapae.model.SwappingAutoencoder;
import io.swapae.runtime.ExecutorModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: guides the pairs it is given, in batches of pairs whose structure codes have one shape, with the
 * executor's shared Swapping Autoencoder and CLIP model, and returns their rows of {@code OUT/guided} lazily, a batch
 * at a time.
 */
final class GuideTask implements FlatMapFunction<Iterator<GuidePair>, Row> {

    private static final long serialVersionUID = 1L;

    private final EncodeModel model;
    private final ClipSource clip;
    private final GuidanceSettings settings;
    private final String params;
    private final long seed;
    private final int batchSize;
    private final SerializableConfiguration conf;
    private final LongAccumulator done;

    GuideTask(EncodeModel model, ClipSource clip, GuidanceSettings settings, String params, long seed, int batchSize,
              SerializableConfiguration conf, LongAccumulator done) {
        this.model = model;
        this.clip = clip;
        this.settings = settings;
        this.params = params;
        this.seed = seed;
        this.batchSize = batchSize;
        this.conf = conf;
        this.done = done;
    }

    @Override
    public Iterator<Row> call(Iterator<GuidePair> pairs) throws Exception {
        SwappingAutoencoder network = ExecutorModels.forTask(model.spec(conf.value()), model.runtime(),
                SparkTasks.current()).network();
        ClipModel clipModel = ExecutorClips.get(clip, network.manager().getDevice());
        GuidanceLoop loop = new GuidanceLoop(network, clipModel, settings, seed);
        PromptEmbeddings embeddings = new PromptEmbeddings(clipModel, network.manager());
        return new Guiding(pairs, loop, embeddings);
    }

    /** The rows of one task, a batch at a time. */
    private final class Guiding implements Iterator<Row> {

        private final Iterator<GuidePair> pairs;
        private final GuidanceLoop loop;
        private final PromptEmbeddings embeddings;
        private final Map<String, float[]> texts = new HashMap<>();
        private final Deque<Row> ready = new ArrayDeque<>();
        private GuidePair lookahead;

        Guiding(Iterator<GuidePair> pairs, GuidanceLoop loop, PromptEmbeddings embeddings) {
            this.pairs = pairs;
            this.loop = loop;
            this.embeddings = embeddings;
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && (lookahead != null || pairs.hasNext())) {
                guideNextBatch();
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void guideNextBatch() {
            List<GuidePair> batch = new ArrayList<>();
            while (batch.size() < batchSize && (lookahead != null || pairs.hasNext())) {
                GuidePair p = lookahead != null ? lookahead : pairs.next();
                lookahead = null;
                if (!batch.isEmpty() && !Arrays.equals(batch.get(0).structureShape(), p.structureShape())) {
                    lookahead = p;
                    break;
                }
                batch.add(p);
            }
            List<GuidancePair> inputs = new ArrayList<>();
            for (GuidePair p : batch) {
                inputs.add(new GuidancePair(p.structure(), p.structureShape(), p.texture(), prompt(p),
                        p.negative() == null ? null : text(p.negative()), p.noiseId(), p.key()));
            }
            List<GuidanceResult> results = loop.run(inputs);
            for (int i = 0; i < batch.size(); i++) {
                ready.add(row(batch.get(i), results.get(i)));
            }
            if (done != null) {
                done.add(batch.size());
            }
        }

        private float[] prompt(GuidePair p) {
            if (p.promptText() != null) {
                return text(p.promptText());
            }
            try {
                return embeddings.image(ImageFiles.decode(p.promptImage(), p.prompt()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private float[] text(String text) {
            return texts.computeIfAbsent(text, t -> embeddings.texts(List.of(t))[0]);
        }
    }

    private Row row(GuidePair p, GuidanceResult r) {
        List<GuidanceResult.Snapshot> snapshots = r.snapshots();
        Integer[] steps = new Integer[snapshots.size()];
        Object[] structures = new Object[snapshots.size()];
        Object[] textures = new Object[snapshots.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = snapshots.get(i).step();
            structures[i] = boxed(snapshots.get(i).structure());
            textures[i] = boxed(snapshots.get(i).texture());
        }
        Integer[] shape = Arrays.stream(p.structureShape()).boxed().toArray(Integer[]::new);
        return RowFactory.create(p.id(), p.sourceId(), p.prompt(), settings.target().label(), params,
                boxed(r.losses()), r.finalLoss(), boxed(r.structure()), shape, boxed(r.texture()), p.noiseId(), seed,
                model.fingerprint(), clip.fingerprint(), steps, structures, textures);
    }

    private static Float[] boxed(float[] values) {
        Float[] out = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
