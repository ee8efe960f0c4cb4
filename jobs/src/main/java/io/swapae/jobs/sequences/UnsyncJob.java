package io.swapae.jobs.sequences;

import io.swapae.image.ImageEncoder;
import io.swapae.image.RgbImage;
import io.swapae.jobs.encode.EncodeJob;
import io.swapae.jobs.encode.EncodeModel;
import io.swapae.jobs.encode.EncodeOptions;
import io.swapae.jobs.encode.EncodeSummary;
import io.swapae.jobs.generate.ImageFiles;
import io.swapae.jobs.models.ModelReferences;
import io.swapae.video.FrameFolderWriter;
import io.swapae.video.VideoFrames;
import io.swapae.video.VideoReadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code swapae sequences unsync}: a clip whose texture runs out of step with its structure. Output frame {@code t} is
 * the structure code of clip frame {@code t} decoded with the mean texture code of frames {@code t + offset} ..
 * {@code t + offset + window - 1} of the texture clip (the clip itself, indices clamped to its ends, or another clip
 * looped), or with one fixed texture. With {@code --video} the clip's frames are first written to
 * {@code OUT/input-frames/} and encoded by the encode job with the output root {@code OUT/encoded/} (its codes table
 * {@code OUT/encoded/codes} and its own {@code _run.json}). Every frame gets the same noise.
 */
public final class UnsyncJob {

    static final String EFFECT = "unsync";

    private final SequenceRun run;
    private final UnsyncOptions options;

    /** The effect, printing no progress. */
    public UnsyncJob(SparkSession spark, SequenceOptions shared, UnsyncOptions options) {
        this(spark, shared, options, null, false);
    }

    /** The effect, reporting its progress to {@code console} (a rewritten line on a {@code terminal}). */
    public UnsyncJob(SparkSession spark, SequenceOptions shared, UnsyncOptions options, PrintWriter console,
                     boolean terminal) {
        this.run = new SequenceRun(spark, shared, console, terminal);
        this.options = options;
    }

    /** Runs the effect; the output root then holds the sequence, its manifest rows, the page and {@code _run.json}. */
    public SequencesSummary run() throws IOException, VideoReadException {
        long start = System.nanoTime();
        run.checkOutput();
        Map<String, Object> extra = new LinkedHashMap<>();
        String codes = options.codes();
        if (options.video() != null) {
            EncodeSummary encoded = encodeVideo();
            codes = SequenceLayout.encodedCodes(run.options().output());
            extra.put("encode_run", encoded.runId());
            extra.put("encoded_frames", encoded.encoded());
        }
        List<SourceCode> clip = new CodesTable(run.spark(), codes, "--codes").inPlayingOrder();
        String fingerprint = CodesTable.model(clip, "the clip's codes");
        List<SourceCode> textures = textureClip(clip);
        EncodeModel model = run.modelThatMade(clip.get(0));

        String sequence = SequenceIds.sequence(EFFECT, SequenceIds.json(options.describe()) + "\n"
                + String.join(",", clip.stream().map(SourceCode::id).toList()) + "\n" + run.options().seed() + "\n"
                + fingerprint);
        long noise = SequenceIds.noise(sequence);
        List<PictureRequest> frames = new ArrayList<>();
        for (int t = 0; t < clip.size(); t++) {
            List<SourceCode> window = textureWindow(t, clip, textures);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("frame", t);
            params.put("structure", clip.get(t).id());
            params.put("textures", window.stream().map(SourceCode::id).toList());
            SourceCode structure = clip.get(t);
            frames.add(PictureRequest.whole(sequence, t, SequenceIds.json(params),
                    SequenceLayout.frame(run.options().output(), sequence, t), structure.structure(),
                    structure.shape(), mean(window), noise));
        }
        String caption = "offset " + options.offset() + ", window " + options.window() + ", textures from "
                + options.textureFrom().label() + " (" + clip.size() + " clip frames)";
        List<SequencePublisher.Planned> planned = List.of(new SequencePublisher.Planned(sequence, caption,
                clip.size()));
        SequencePublisher publisher = new SequencePublisher(run.spark(), run.options(), EFFECT, fingerprint);
        Set<String> published = publisher.published(planned);
        List<RenderedFrame> rendered = published.isEmpty()
                ? run.render(model, frames, "unsync: decoding " + frames.size() + " frames") : List.of();
        return publisher.publish(planned, published, rendered,
                run.partitions(frames.size(), run.options().batchSize()), options.describe(), extra, start);
    }

    /** The codes whose textures the frames take: the clip's own, another clip's, or one code's. */
    private List<SourceCode> textureClip(List<SourceCode> clip) {
        UnsyncOptions.TextureFrom from = options.textureFrom();
        if (from instanceof UnsyncOptions.TextureFrom.Frozen) {
            return List.of(clip.get(0));
        }
        if (from instanceof UnsyncOptions.TextureFrom.Code code) {
            String table = options.codes() != null ? options.codes()
                    : SequenceLayout.encodedCodes(run.options().output());
            List<SourceCode> one = new CodesTable(run.spark(), table, "--texture-from").byIds(List.of(code.id()));
            CodesTable.model(List.of(clip.get(0), one.get(0)), "the clip's codes and --texture-from " + code.id());
            return one;
        }
        if (from instanceof UnsyncOptions.TextureFrom.Loop loop) {
            List<SourceCode> looped = new CodesTable(run.spark(), loop.codes(), "--texture-from loop:")
                    .inPlayingOrder();
            CodesTable.model(List.of(clip.get(0), looped.get(0)), "the clip's and the looped clip's codes");
            return looped;
        }
        return clip;
    }

    /** The textures averaged for frame {@code t}: clamped into the clip, wrapped around a looped clip. */
    private List<SourceCode> textureWindow(int t, List<SourceCode> clip, List<SourceCode> textures) {
        boolean loop = options.textureFrom() instanceof UnsyncOptions.TextureFrom.Loop;
        List<SourceCode> window = new ArrayList<>();
        for (int i = 0; i < options.window(); i++) {
            int k = t + options.offset() + i;
            window.add(textures.get(loop ? Math.floorMod(k, textures.size())
                    : Math.max(0, Math.min(textures.size() - 1, k))));
        }
        if (window.stream().anyMatch(c -> c.texture().length != clip.get(t).texture().length)) {
            throw new IllegalArgumentException("the texture codes have " + window.get(0).texture().length
                    + " values, the clip's " + clip.get(t).texture().length + ": they come from another model");
        }
        return window;
    }

    /** The mean of the window's texture codes (the code itself for a window of one). */
    static float[] mean(List<SourceCode> window) {
        float[] first = window.get(0).texture();
        if (window.size() == 1) {
            return first;
        }
        double[] sum = new double[first.length];
        for (SourceCode c : window) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += c.texture()[i];
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] / window.size());
        }
        return out;
    }

    /**
     * Writes the frames of {@code --video} to {@code OUT/input-frames/} and encodes them into {@code OUT/encoded/}
     * with the encode job and {@code --model} (or the embedded default).
     */
    private EncodeSummary encodeVideo() throws IOException, VideoReadException {
        String output = run.options().output();
        Configuration hadoop = run.spark().sessionState().newHadoopConf();
        String folder = SequenceLayout.inputFrames(output);
        Path video = options.video().startsWith("file:") ? Path.of(URI.create(options.video()))
                : Path.of(options.video());
        try (VideoFrames frames = VideoFrames.open(video)) {
            int index = 0;
            for (Optional<RgbImage> frame = frames.next(); frame.isPresent(); frame = frames.next()) {
                ImageFiles.write(new org.apache.hadoop.fs.Path(folder, FrameFolderWriter.fileName(index++)).toString(),
                        ImageEncoder.png(frame.get()), hadoop);
            }
        }
        EncodeModel model = run.options().model() == null ? EncodeModel.embeddedDefault(null, run.runtime())
                : EncodeModel.of(ModelReferences.official(null).resolve(run.options().model()), null, run.runtime(),
                hadoop);
        EncodeOptions encode = new EncodeOptions(List.of(folder), SequenceLayout.encoded(output),
                run.options().model(), null, run.options().batchSize(), 0, false, EncodeOptions.DEFAULT_MAX_PIXELS,
                null, null);
        return new EncodeJob(run.spark(), encode, model).run();
    }
}
