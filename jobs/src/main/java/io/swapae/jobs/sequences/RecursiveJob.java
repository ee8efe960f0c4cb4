package io.swapae.jobs.sequences;

import io.swapae.jobs.directions.DirectionCatalogue;
import io.swapae.jobs.runtime.JobProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code swapae sequences recursive}: chains of frames that feed on themselves. Each chain starts from a code and
 * decodes a frame, encodes it again, transforms and edits the codes ({@link ChainStep}) and decodes the next frame.
 * Steps are sequential within a chain; chains run in parallel, a few per partition, batched together within a step
 * ({@link ChainRenderer}). A chain that fails is reported in the manifest and the summary; the others complete.
 */
public final class RecursiveJob {

    static final String EFFECT = "recursive";

    private final SequenceRun run;
    private final RecursiveOptions options;

    /** The effect, printing no progress. */
    public RecursiveJob(SparkSession spark, SequenceOptions shared, RecursiveOptions options) {
        this(spark, shared, options, null, false);
    }

    /** The effect, reporting its progress to {@code console} (a rewritten line on a {@code terminal}). */
    public RecursiveJob(SparkSession spark, SequenceOptions shared, RecursiveOptions options, PrintWriter console,
                        boolean terminal) {
        this.run = new SequenceRun(spark, shared, console, terminal);
        this.options = options;
    }

    /** Runs the chains; the output root then holds their sequences, manifest rows, the page and {@code _run.json}. */
    public SequencesSummary run() throws IOException {
        long start = System.nanoTime();
        run.checkOutput();
        SequenceRun.ChosenCodes chosen = run.choose(options.codes(), options.start(), options.sample(),
                "the start codes");
        List<SourceCode> starts = chosen.codes();
        String fingerprint = chosen.fingerprint();
        ChainStep step = step(fingerprint);

        String common = SequenceIds.json(options.describe()) + "\n" + run.options().seed() + "\n" + fingerprint;
        List<ChainRenderer.Chain> chains = new ArrayList<>();
        List<SequencePublisher.Planned> planned = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            SourceCode s = starts.get(i);
            String sequence = SequenceIds.sequence(EFFECT, common + "\n" + i + "\n" + s.id());
            chains.add(new ChainRenderer.Chain(sequence, s.id(), s.structure(), s.shape(), s.texture(),
                    SequenceIds.noise(sequence)));
            planned.add(new SequencePublisher.Planned(sequence, String.format(Locale.ROOT,
                    "from %s: zoom %s, rotate %s°, translate %s,%s per step%s", s.id(), options.zoom(),
                    options.rotate(), options.translateX(), options.translateY(), options.reverse() ? ", reversed" : ""),
                    options.steps()));
        }
        SequencePublisher publisher = new SequencePublisher(run.spark(), run.options(), EFFECT, fingerprint);
        Set<String> published = publisher.published(planned);
        chains.removeIf(c -> published.contains(c.sequence()));
        if (chains.isEmpty()) {
            return publisher.publish(planned, published, List.of(), 0, options.describe(), Map.of(), start);
        }
        int defaultParallelism = JavaSparkContext.fromSparkContext(run.spark().sparkContext()).defaultParallelism();
        int perPartition = Math.max(1, Math.min(run.options().batchSize(),
                (chains.size() + defaultParallelism - 1) / defaultParallelism));
        int partitions = run.partitions(chains.size(), perPartition);
        List<RenderedFrame> rendered;
        run.spark().sparkContext().setJobDescription("swapae sequences recursive: " + chains.size() + " chains of "
                + options.steps() + " frames");
        try (JobProgress progress = run.progress((long) chains.size() * options.steps())) {
            rendered = JavaSparkContext.fromSparkContext(run.spark().sparkContext()).parallelize(chains, partitions)
                    .mapPartitions(new ChainRenderer(chosen.model(), step, options.steps(), options.reverse(),
                            run.options().output(), run.options().batchSize(), run.options().seed(), run.hadoop(),
                            progress.done()))
                    .collect();
        } finally {
            run.spark().sparkContext().setJobDescription(null);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("chains", planned.size());
        return publisher.publish(planned, published, rendered, partitions, options.describe(), extra, start);
    }

    /** The per-step change, with the catalogue's direction when an edit is asked for. */
    private ChainStep step(String fingerprint) {
        if (options.editCatalogue() == null) {
            return new ChainStep(options.zoom(), options.rotate(), options.translateX(), options.translateY(), null,
                    null, 0, options.textureDrift());
        }
        DirectionCatalogue catalogue = DirectionCatalogue.read(run.spark(), options.editCatalogue());
        if (!catalogue.model().equals(fingerprint)) {
            throw new IllegalArgumentException("--edit-catalogue " + options.editCatalogue() + " was fitted on codes"
                    + " of model " + catalogue.model() + ", the start codes are of " + fingerprint
                    + ": use a catalogue of the same model");
        }
        DirectionCatalogue.Direction d = catalogue.direction(options.editComponent());
        return new ChainStep(options.zoom(), options.rotate(), options.translateX(), options.translateY(),
                catalogue.space(), d.vector(), options.editStrength() * d.sigma(), options.textureDrift());
    }
}
