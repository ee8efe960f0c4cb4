package io.swapae.jobs.sequences;

import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.generate.RunRecord;
import io.swapae.video.VideoFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The end of a sequences run, once the frames are written: checks every planned sequence that an earlier run did not
 * publish got all its frames, assembles their videos on the executors (one task per sequence,
 * {@link VideoAssembler}), removes the frames of failed sequences, commits their frames manifest
 * ({@link FramesTable}) and writes {@code OUT/index.html} and {@code OUT/_run.json}.
 */
final class SequencePublisher {


    /** A sequence the effect planned: its id, a line about what it is, and its frame count. */
    record Planned(String id, String caption, int frames) {
    }

    private final SparkSession spark;
    private final SequenceOptions options;
    private final String effect;
    private final String model;

    SequencePublisher(SparkSession spark, SequenceOptions options, String effect, String model) {
        this.spark = spark;
        this.options = options;
        this.effect = effect;
        this.model = model;
    }

    /**
     * The planned sequences an earlier run already published under the output root ({@link PublishedSequences}):
     * the effect renders only the others.
     */
    Set<String> published(List<Planned> planned) {
        return PublishedSequences.among(spark, options, planned);
    }

    /**
     * Publishes {@code planned} from the frames the tasks wrote ({@code rendered}), leaving those in
     * {@code published} as an earlier run left them; {@code effectOptions} and {@code extra} go into
     * {@code _run.json}. When every planned sequence was published before, nothing is written at all.
     */
    SequencesSummary publish(List<Planned> planned, Set<String> published, List<RenderedFrame> rendered,
                             int partitions, Map<String, Object> effectOptions, Map<String, Object> extra,
                             long startNanos) throws IOException {
        List<Planned> rendering = planned.stream().filter(p -> !published.contains(p.id())).toList();
        if (rendering.isEmpty()) {
            return new SequencesSummary(effect, planned.size(), planned.size(), 0, List.of(), Map.of(), 0, null,
                    (System.nanoTime() - startNanos) / 1e9);
        }
        Map<String, List<RenderedFrame>> frames = new HashMap<>();
        Map<String, String> errors = new TreeMap<>();
        for (RenderedFrame f : rendered) {
            if (f.isFailure()) {
                errors.put(f.sequence(), f.error());
            } else {
                frames.computeIfAbsent(f.sequence(), s -> new ArrayList<>()).add(f);
            }
        }
        List<VideoAssembler.Sequence> complete = new ArrayList<>();
        for (Planned p : rendering) {
            int got = frames.getOrDefault(p.id(), List.of()).size();
            if (!errors.containsKey(p.id()) && got != p.frames()) {
                errors.put(p.id(), got + " of its " + p.frames() + " frames were written");
            }
            if (!errors.containsKey(p.id())) {
                complete.add(new VideoAssembler.Sequence(p.id(), p.frames()));
            }
        }
        Configuration hadoop = spark.sessionState().newHadoopConf();
        for (String failed : errors.keySet()) {
            Path folder = new Path(SequenceLayout.frames(options.output(), failed));
            folder.getFileSystem(hadoop).delete(folder, true);
        }
        List<String> videos = assemble(complete);
        List<Row> rows = manifest(rendering, frames, errors);
        String run = effect + "-" + SequenceIds.hex(String.join(",", rendering.stream().map(Planned::id).toList())
                + "\n" + options.seed() + "\n" + options.format(), 8);
        FramesTable.commit(spark, rows, options.output(), run);
        long written = complete.stream().mapToLong(VideoAssembler.Sequence::frames).sum();
        List<SequencesPage.Entry> entries = planned.stream().filter(p -> !errors.containsKey(p.id()))
                .map(p -> new SequencesPage.Entry(p.id(), p.caption(), p.frames())).toList();
        ImageFiles.write(new Path(options.output(), "index.html").toString(),
                SequencesPage.html(effect, options.format(), entries, errors).getBytes(StandardCharsets.UTF_8),
                hadoop);
        SequencesSummary summary = new SequencesSummary(effect, planned.size(), planned.size() - rendering.size(),
                written, videos, errors, partitions, run, (System.nanoTime() - startNanos) / 1e9);
        writeRunJson(summary, planned, effectOptions, extra);
        return summary;
    }

    private List<String> assemble(List<VideoAssembler.Sequence> complete) {
        if (complete.isEmpty() || options.format() == VideoFormat.FRAMES) {
            return List.of();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(spark.sessionState().newHadoopConf());
        spark.sparkContext().setJobDescription("swapae sequences " + effect + ": assembling " + complete.size()
                + " videos");
        try {
            return jsc.parallelize(complete, complete.size())
                    .map(new VideoAssembler(options.output(), options.format(), options.fps(), options.keepFrames(),
                            conf))
                    .map(VideoAssembler.Video::uri).collect();
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private List<Row> manifest(List<Planned> planned, Map<String, List<RenderedFrame>> frames,
                               Map<String, String> errors) {
        List<Row> rows = new ArrayList<>();
        for (Planned p : planned) {
            if (errors.containsKey(p.id())) {
                rows.add(RowFactory.create(p.id(), effect, null, null, null, null, null, null, options.seed(), model,
                        errors.get(p.id())));
                continue;
            }
            String video = SequenceLayout.video(options.output(), p.id(), options.format());
            for (RenderedFrame f : frames.get(p.id())) {
                String uri = options.framesKept() ? SequenceLayout.frame(options.output(), p.id(), f.frame()) : null;
                rows.add(RowFactory.create(p.id(), effect, f.frame(), f.params(), uri, video, f.width(), f.height(),
                        options.seed(), model, null));
            }
        }
        return rows;
    }

    private void writeRunJson(SequencesSummary s, List<Planned> planned, Map<String, Object> effectOptions,
                              Map<String, Object> extra) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("command", "sequences");
        d.put("effect", effect);
        d.put("model", model);
        List<Map<String, Object>> sequences = new ArrayList<>();
        for (Planned p : planned) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("caption", p.caption());
            m.put("frames", p.frames());
            m.put("video", s.errors().containsKey(p.id()) ? null
                    : SequenceLayout.video(options.output(), p.id(), options.format()));
            m.put("error", s.errors().get(p.id()));
            sequences.add(m);
        }
        d.put("sequences", sequences);
        d.put("completed", s.completed());
        d.put("skipped", s.skipped());
        d.put("failed", s.errors().size());
        d.put("frames", s.frames());
        d.put("partitions", s.partitions());
        d.put("frames_run", s.run());
        d.put("seconds", s.seconds());
        d.putAll(extra);
        Map<String, Object> all = new LinkedHashMap<>(options.describe());
        all.putAll(effectOptions);
        d.put("options", all);
        RunRecord.write(spark, options.output(), d);
    }
}
