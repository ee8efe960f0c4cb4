package io.swapae.jobs.mix;

import io.swapae.jobs.generate.ImageOutput;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The options of the mix job, validated when built: every message names the option, the value found and what is
 * accepted.
 *
 * @param codes     the codes table, {@code ROOT/codes} of an encode run (its committed runs are read)
 * @param output    the output root: {@code OUT/images/<op>/}, {@code OUT/generated}, {@code OUT/_run.json}
 * @param op        what a cell is: a swap, a step of a texture interpolation, a blend or an edit
 * @param rows      content ids (or prefixes of at least 8 hex digits) of the structure sources (for {@code blend} the
 *                  left ones, for {@code edit} the codes edited); empty with {@code sample}
 * @param columns   content ids (or prefixes) of the texture sources (for {@code interpolate} exactly two), for
 *                  {@code blend} the right structure sources; none for {@code edit}
 * @param sample    choose this many sources at random (seeded) instead of {@code rows}/{@code columns} (0: no)
 * @param filter    a Spark SQL condition on the codes table that sources must pass ({@code null}: none)
 * @param seed      seed of the sample and of the generator's noise
 * @param steps     interpolation steps, both ends included
 * @param slerp     interpolate along the great circle instead of the straight line
 * @param tile      at most this many rows and columns of cells per grid picture
 * @param model     the checkpoint that made the codes ({@code null}: the embedded default)
 * @param batchSize cells per model call
 * @param device    {@code auto}, {@code cpu} or {@code gpu}
 * @param images    format and store of the cell pictures
 * @param blend     seam, feather and texture of {@code blend} cells ({@code null}: {@link BlendOptions#DEFAULT})
 * @param edit      catalogue, component, strengths and region of {@code edit} cells ({@code null}: no catalogue)
 */
public record MixOptions(String codes, String output, MixOp op, List<String> rows, List<String> columns, int sample,
                         long seed, int steps, boolean slerp, int tile, String model, int batchSize, String device,
                         ImageOutput images, BlendOptions blend, EditOptions edit, String filter)
        implements Serializable {

    public MixOptions {
        if (codes == null || codes.isBlank()) {
            throw new IllegalArgumentException("--codes: the codes table (ROOT/codes of an encode run) is required");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output: the output root is required");
        }
        if (op == null) {
            throw new IllegalArgumentException("--op is required: swap, interpolate, blend or edit");
        }
        rows = List.copyOf(rows == null ? List.of() : rows);
        columns = List.copyOf(columns == null ? List.of() : columns);
        for (String id : concat(rows, columns)) {
            if (!id.matches("[0-9a-fA-F]{8,}")) {
                throw new IllegalArgumentException("--rows and --columns take content ids of the codes table or"
                        + " prefixes of at least 8 hex digits, got '" + id + "'");
            }
        }
        if (sample < 0 || sample > 1024) {
            throw new IllegalArgumentException("--sample must be in 0..1024 (0: use --rows and --columns), got "
                    + sample);
        }
        if (sample > 0 && !(rows.isEmpty() && columns.isEmpty())) {
            throw new IllegalArgumentException("give either --sample (got " + sample + ") or --rows and --columns,"
                    + " not both");
        }
        if (filter != null && filter.isBlank()) {
            throw new IllegalArgumentException("--filter must be a Spark SQL condition on the codes table, got an"
                    + " empty one");
        }
        if (sample == 0 && rows.isEmpty() && filter != null) {
            throw new IllegalArgumentException("--filter chooses the codes that --sample N draws from: give --sample");
        }
        if (sample == 0 && rows.isEmpty()) {
            throw new IllegalArgumentException("give --rows (structure sources) or --sample N");
        }
        if (sample == 0 && op == MixOp.SWAP && columns.isEmpty()) {
            throw new IllegalArgumentException("--op swap needs --columns (texture sources) with --rows");
        }
        if (sample == 0 && op == MixOp.BLEND && columns.isEmpty()) {
            throw new IllegalArgumentException("--op blend needs --columns (right structure sources) with --rows");
        }
        if (op == MixOp.EDIT && !columns.isEmpty()) {
            throw new IllegalArgumentException("--op edit takes no --columns (its columns are the --strengths), got "
                    + columns);
        }
        if (sample == 0 && op == MixOp.INTERPOLATE && columns.size() != 2) {
            throw new IllegalArgumentException("--op interpolate needs --columns of exactly two texture sources,"
                    + " got " + columns.size() + ": " + columns);
        }
        if (sample == 1 && op == MixOp.INTERPOLATE) {
            throw new IllegalArgumentException("--op interpolate with --sample needs at least 2 codes, got 1");
        }
        if (steps < 2 || steps > 256) {
            throw new IllegalArgumentException("--steps must be in 2..256 (both ends included), got " + steps);
        }
        if (tile < 1 || tile > 64) {
            throw new IllegalArgumentException("--tile must be in 1..64, got " + tile);
        }
        if (images == null) {
            throw new IllegalArgumentException("the image output (--format, --quality, --store) is required");
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("--batch-size must be in 1..1024, got " + batchSize);
        }
        if (blend == null) {
            blend = BlendOptions.DEFAULT;
        }
        if (edit == null) {
            edit = EditOptions.NONE;
        }
        if (op == MixOp.EDIT && edit.catalogue() == null) {
            throw new IllegalArgumentException("--op edit needs --catalogue: a catalogue folder written by swapae"
                    + " directions");
        }
        if (op != MixOp.EDIT && edit.region() != null) {
            throw new IllegalArgumentException("--region limits an edit: it needs --op edit, got --op "
                    + op.label());
        }
    }

    /** Options with the defaults for everything but the codes, the output, the operation and the sources. */
    public static MixOptions of(String codes, String output, MixOp op, List<String> rows, List<String> columns) {
        return new MixOptions(codes, output, op, rows, columns, 0, 0, 5, false, 8, null, 8, "auto",
                ImageOutput.PNG_FILES, BlendOptions.DEFAULT, EditOptions.NONE, null);
    }

    /** Options with the defaults for everything but the codes, the output, the codes edited and the edit. */
    public static MixOptions edit(String codes, String output, List<String> rows, EditOptions edit) {
        return new MixOptions(codes, output, MixOp.EDIT, rows, List.of(), 0, 0, 5, false, 8, null, 8, "auto",
                ImageOutput.PNG_FILES, BlendOptions.DEFAULT, edit, null);
    }

    /** These options drawing their {@code --sample} from the codes passing {@code condition}. */
    public MixOptions withFilter(String condition) {
        return new MixOptions(codes, output, op, rows, columns, sample, seed, steps, slerp, tile, model, batchSize,
                device, images, blend, edit, condition);
    }

    /** These options with another model. */
    public MixOptions withModel(String checkpoint) {
        return new MixOptions(codes, output, op, rows, columns, sample, seed, steps, slerp, tile, checkpoint,
                batchSize, device, images, blend, edit, filter);
    }

    /** These options with another number of interpolation steps. */
    public MixOptions withSteps(int n, boolean alongGreatCircle) {
        return new MixOptions(codes, output, op, rows, columns, sample, seed, n, alongGreatCircle, tile, model,
                batchSize, device, images, blend, edit, filter);
    }

    /** These options with another image output. */
    public MixOptions withImages(ImageOutput output) {
        return new MixOptions(codes, this.output, op, rows, columns, sample, seed, steps, slerp, tile, model,
                batchSize, device, output, blend, edit, filter);
    }

    /** These options with another blend. */
    public MixOptions withBlend(BlendOptions b) {
        return new MixOptions(codes, output, op, rows, columns, sample, seed, steps, slerp, tile, model, batchSize,
                device, images, b, edit, filter);
    }

    /** These options with another edit. */
    public MixOptions withEdit(EditOptions e) {
        return new MixOptions(codes, output, op, rows, columns, sample, seed, steps, slerp, tile, model, batchSize,
                device, images, blend, e, filter);
    }

    /** The options as recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codes", codes);
        m.put("output", output);
        m.put("op", op.label());
        m.put("rows", rows);
        m.put("columns", columns);
        m.put("sample", sample);
        m.put("filter", filter);
        m.put("seed", seed);
        m.put("steps", steps);
        m.put("slerp", slerp);
        m.put("tile", tile);
        m.put("model", model);
        m.put("batch_size", batchSize);
        m.put("device", device);
        m.putAll(images.describe());
        if (op == MixOp.BLEND) {
            m.putAll(blend.describe());
        }
        if (op == MixOp.EDIT) {
            m.putAll(edit.describe());
        }
        return m;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
