package io.swapae.jobs.sequences;

import io.swapae.latent.StructureBlend;
import io.swapae.latent.TextureInterpolation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code swapae sequences train-ride}: the view from a train passing the pictures one after the other. Their
 * structure codes are joined side by side with feathered seams into one long strip ({@link StructureBlend}); the
 * strip is decoded in tiles as wide as the narrowest picture's code, each decoded with {@code --margin} columns of
 * context on both sides that are cropped away, so the tiles join where the generator saw the strip continue. The
 * frames are then windows of the decoded strip, a picture wide, moving {@code --speed} pixels a frame
 * ({@link FrameCutter}): the columns two frames share are the same pixels, nothing pops. With
 * {@code --interpolate-textures} each tile takes the texture at its centre, moving linearly from each picture's
 * centre to the next one's; otherwise every tile takes the first picture's. Every tile gets the same noise.
 */
public final class TrainRideJob {

    static final String EFFECT = "train-ride";

    private final SequenceRun run;
    private final TrainRideOptions options;

    /** The effect, printing no progress. */
    public TrainRideJob(SparkSession spark, SequenceOptions shared, TrainRideOptions options) {
        this(spark, shared, options, null, false);
    }

    /** The effect, reporting its progress to {@code console} (a rewritten line on a {@code terminal}). */
    public TrainRideJob(SparkSession spark, SequenceOptions shared, TrainRideOptions options, PrintWriter console,
                        boolean terminal) {
        this.run = new SequenceRun(spark, shared, console, terminal);
        this.options = options;
    }

    /** Runs the ride; the output root then holds its sequence, manifest rows, the page and {@code _run.json}. */
    public SequencesSummary run() throws IOException {
        long start = System.nanoTime();
        run.checkOutput();
        SequenceRun.ChosenCodes chosen = run.choose(options.codes(), options.ids(), options.sample(),
                "the pictures' codes");
        List<SourceCode> pictures = chosen.codes();
        String fingerprint = chosen.fingerprint();
        List<int[]> shapes = pictures.stream().map(SourceCode::shape).toList();
        int[] stripShape = StructureBlend.sideBySideShape(shapes, options.seam());
        float[] strip = StructureBlend.sideBySide(pictures.stream().map(SourceCode::structure).toList(), shapes,
                options.seam(), StructureBlend.Feather.COSINE);
        int window = shapes.stream().mapToInt(s -> s[2]).min().orElseThrow();
        if (2 * options.margin() >= window) {
            throw new IllegalArgumentException("--margin " + options.margin() + " leaves nothing of a tile "
                    + window + " code columns wide: at most " + (window - 1) / 2);
        }
        String sequence = SequenceIds.sequence(EFFECT, SequenceIds.json(options.describe()) + "\n"
                + String.join(",", pictures.stream().map(SourceCode::id).toList()) + "\n" + run.options().seed()
                + "\n" + fingerprint);
        String caption = pictures.size() + " pictures, " + options.speed() + " px per frame, seam "
                + options.seam() + (options.interpolateTextures() ? ", textures interpolated" : "");
        List<SequencePublisher.Planned> planned = List.of(new SequencePublisher.Planned(sequence, caption,
                options.frames()));
        SequencePublisher publisher = new SequencePublisher(run.spark(), run.options(), EFFECT, fingerprint);
        Set<String> published = publisher.published(planned);
        if (!published.isEmpty()) {
            return publisher.publish(planned, published, List.of(), 0, options.describe(), Map.of(), start);
        }
        List<PictureRequest> tiles = tiles(sequence, pictures, strip, stripShape, window);

        List<RenderedFrame> rendered = new ArrayList<>(run.render(chosen.model(), tiles, "train ride: decoding "
                + tiles.size() + " tiles of the strip"));
        List<RenderedFrame> failed = rendered.stream().filter(RenderedFrame::isFailure).toList();
        if (!failed.isEmpty()) {
            return publisher.publish(planned, published, failed, run.partitions(tiles.size(),
                    run.options().batchSize()), options.describe(), Map.of(), start);
        }
        rendered.sort(Comparator.comparing(RenderedFrame::frame));
        int[] starts = new int[rendered.size() + 1];
        for (int i = 0; i < rendered.size(); i++) {
            starts[i + 1] = starts[i] + rendered.get(i).width();
        }
        int scale = rendered.get(0).width() / tiles.get(0).keepWidth();
        int frameWidth = window * scale;
        int stripWidth = starts[rendered.size()];
        int maxFrames = options.speed() == 0 ? Integer.MAX_VALUE : (stripWidth - frameWidth) / options.speed() + 1;
        Path parts = new Path(SequenceLayout.parts(run.options().output(), sequence));
        try {
            if (options.frames() > maxFrames) {
                throw new IllegalArgumentException("--frames " + options.frames() + " at --speed " + options.speed()
                        + " px run past the end of the strip (" + stripWidth + " px for " + pictures.size()
                        + " pictures, frames " + frameWidth + " px wide): at most " + maxFrames + " frames");
            }
            List<String> tileUris = tiles.stream().map(PictureRequest::uri).toList();
            List<Integer> frames = IntStream.range(0, options.frames()).boxed().toList();
            run.spark().sparkContext().setJobDescription("swapae sequences train-ride: cutting " + frames.size()
                    + " frames");
            List<RenderedFrame> cut = JavaSparkContext.fromSparkContext(run.spark().sparkContext())
                    .parallelize(frames, run.partitions(frames.size(), 8))
                    .mapPartitions(new FrameCutter(run.options().output(), sequence, tileUris, starts, frameWidth,
                            options.speed(), run.hadoop()))
                    .collect();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("pictures", pictures.stream().map(SourceCode::id).toList());
            extra.put("strip_columns", stripShape[2]);
            extra.put("strip_pixels", stripWidth);
            extra.put("tiles", tiles.size());
            return publisher.publish(planned, published, cut, run.partitions(frames.size(), 8),
                    options.describe(), extra, start);
        } finally {
            run.spark().sparkContext().setJobDescription(null);
            parts.getFileSystem(run.spark().sessionState().newHadoopConf()).delete(parts, true);
        }
    }

    /**
     * The strip's tiles left to right: tile {@code i} keeps the columns from {@code i · core} ({@code core} = the
     * window less both margins) and is decoded from a window of the strip around them, moved inside the strip at
     * its ends.
     */
    private List<PictureRequest> tiles(String sequence, List<SourceCode> pictures, float[] strip, int[] stripShape,
                                       int window) {
        int channels = stripShape[0];
        int height = stripShape[1];
        int width = stripShape[2];
        int core = window - 2 * options.margin();
        long noise = SequenceIds.noise(sequence);
        List<PictureRequest> tiles = new ArrayList<>();
        for (int x0 = 0, i = 0; x0 < width; x0 += core, i++) {
            int keep = Math.min(core, width - x0);
            int from = Math.max(0, Math.min(width - window, x0 - options.margin()));
            float[] code = new float[channels * height * window];
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    System.arraycopy(strip, (c * height + y) * width + from, code, (c * height + y) * window, window);
                }
            }
            double centre = x0 + keep / 2.0;
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("tile", i);
            params.put("columns", List.of(x0, x0 + keep));
            tiles.add(new PictureRequest(sequence, i, SequenceIds.json(params),
                    new Path(SequenceLayout.parts(run.options().output(), sequence),
                            String.format("tile-%06d.png", i)).toString(),
                    code, new int[] {channels, height, window}, texture(pictures, centre), noise, x0 - from, keep));
        }
        return tiles;
    }

    /** The texture at strip column {@code x}: the first picture's, or interpolated between picture centres. */
    private float[] texture(List<SourceCode> pictures, double x) {
        if (!options.interpolateTextures() || pictures.size() == 1) {
            return pictures.get(0).texture();
        }
        double[] centres = new double[pictures.size()];
        double offset = 0;
        for (int k = 0; k < pictures.size(); k++) {
            int w = pictures.get(k).shape()[2];
            centres[k] = offset + w / 2.0;
            offset += w - options.seam();
        }
        if (x <= centres[0]) {
            return pictures.get(0).texture();
        }
        for (int k = 0; k + 1 < pictures.size(); k++) {
            if (x <= centres[k + 1]) {
                return TextureInterpolation.lerp(pictures.get(k).texture(), pictures.get(k + 1).texture(),
                        (x - centres[k]) / (centres[k + 1] - centres[k]));
            }
        }
        return pictures.get(pictures.size() - 1).texture();
    }
}
