package io.swapae.jobs.sequences;

import io.swapae.jobs.storage.TableCommits;
import io.swapae.video.FrameFolderWriter;
import io.swapae.video.VideoFormat;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;

/**
 * Which planned sequences an earlier run already published under the output root, so a rerun leaves them as they
 * are: a sequence is published when {@code OUT/frames} holds committed rows for every one of its frames (no error)
 * and what the format asks for is in place: its video for mp4 and gif, its PNG frames for frames and with
 * {@code --keep-frames}. Sequence ids are hashes of everything that makes them, so the same id is the same frames.
 */
final class PublishedSequences {

    private PublishedSequences() {
    }

    /** The ids among {@code planned} that are published under {@code options}' output root. */
    static Set<String> among(SparkSession spark, SequenceOptions options, List<SequencePublisher.Planned> planned) {
        Set<String> published = new HashSet<>();
        if (TableCommits.committedRuns(spark, FramesTable.under(options.output())).isEmpty()) {
            return published;
        }
        Map<String, Integer> frames = new LinkedHashMap<>();
        planned.forEach(p -> frames.put(p.id(), p.frames()));
        List<Row> committed = FramesTable.read(spark, options.output())
                .where(col("error").isNull().and(col("sequence_id").isin(frames.keySet().toArray())))
                .groupBy("sequence_id").agg(countDistinct("frame")).collectAsList();
        Configuration hadoop = spark.sessionState().newHadoopConf();
        for (Row r : committed) {
            String id = r.getString(0);
            int count = frames.get(id);
            if (r.getLong(1) == count && filesInPlace(options, id, count, hadoop)) {
                published.add(id);
            }
        }
        return published;
    }

    private static boolean filesInPlace(SequenceOptions options, String sequence, int frames, Configuration hadoop) {
        try {
            if (options.format() != VideoFormat.FRAMES) {
                Path video = new Path(SequenceLayout.video(options.output(), sequence, options.format()));
                if (!video.getFileSystem(hadoop).exists(video)) {
                    return false;
                }
            }
            return !options.framesKept() || framesInPlace(options.output(), sequence, frames, hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the files of sequence " + sequence + " under "
                    + options.output() + ": " + e.getMessage(), e);
        }
    }

    private static boolean framesInPlace(String output, String sequence, int frames, Configuration hadoop)
            throws IOException {
        Path folder = new Path(SequenceLayout.frames(output, sequence));
        FileSystem fs = folder.getFileSystem(hadoop);
        Set<String> names = new HashSet<>();
        try {
            for (FileStatus f : fs.listStatus(folder)) {
                names.add(f.getPath().getName());
            }
        } catch (FileNotFoundException e) {
            return false;
        }
        for (int i = 0; i < frames; i++) {
            if (!names.contains(FrameFolderWriter.fileName(i))) {
                return false;
            }
        }
        return true;
    }
}
