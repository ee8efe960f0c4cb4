package io.swapae.jobs.directions;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of the directions job, validated when built: every message names the option, the value found and
 * what is accepted.
 *
 * @param codes          the codes table, {@code ROOT/codes} of an encode run (its committed runs are read)
 * @param output         the catalogue folder {@code CAT}
 * @param space          the code space to fit
 * @param components     directions kept, largest variance first
 * @param sample         fit about this many codes drawn at random (0: all)
 * @param seed           seed of the sample, of the choice of preview codes and of the preview noise
 * @param filter         a Spark SQL condition on the codes table's columns ({@code null}: every code)
 * @param model          the checkpoint that made the codes, for previews ({@code null}: the embedded default)
 * @param previews       components that get a preview strip (0: no previews, no model needed)
 * @param previewCodes   codes shown in each strip
 * @param batchSize      images per model call when decoding previews
 * @param partitions     tasks of the fit (0: Spark's default parallelism)
 * @param device         {@code auto}, {@code cpu} or {@code gpu} for decoding previews
 * @param id             the catalogue id ({@code null}: derived from the codes and the options)
 */
public record DirectionsOptions(String codes, String output, CodeSpace space, int components, long sample, long seed,
                                String filter, String model, int previews, int previewCodes, int batchSize,
                                int partitions, String device, String id) implements Serializable {

    /** Default number of directions kept. */
    public static final int DEFAULT_COMPONENTS = 20;
    /** Default number of components with a preview strip. */
    public static final int DEFAULT_PREVIEWS = 8;
    /** Default number of codes in a preview strip. */
    public static final int DEFAULT_PREVIEW_CODES = 3;

    public DirectionsOptions {
        if (codes == null || codes.isBlank()) {
            throw new IllegalArgumentException("--codes: the codes table (ROOT/codes of an encode run) is required");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output: the catalogue folder is required");
        }
        if (space == null) {
            throw new IllegalArgumentException("--space is required: texture, structure or structure-local");
        }
        if (components < 1 || components > 65_536) {
            throw new IllegalArgumentException("--components must be in 1..65536, got " + components);
        }
        if (sample < 0) {
            throw new IllegalArgumentException("--sample must be >= 0 (0: every code), got " + sample);
        }
        if (filter != null && filter.isBlank()) {
            throw new IllegalArgumentException("--filter must be a Spark SQL condition, got an empty one");
        }
        if (previews < 0 || previews > components) {
            throw new IllegalArgumentException("--previews must be in 0..--components (" + components + "), got "
                    + previews);
        }
        if (previewCodes < 1 || previewCodes > 64) {
            throw new IllegalArgumentException("--preview-codes must be in 1..64, got " + previewCodes);
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("--batch-size must be in 1..1024, got " + batchSize);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0 (0: Spark's default), got " + partitions);
        }
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("--id must be 1-128 of [A-Za-z0-9._-], not starting with . _ -, got '"
                    + id + "'");
        }
    }

    /** Options with the defaults for everything but the codes, the output and the space. */
    public static DirectionsOptions of(String codes, String output, CodeSpace space) {
        return new DirectionsOptions(codes, output, space, DEFAULT_COMPONENTS, 0, 0, null, null, DEFAULT_PREVIEWS,
                DEFAULT_PREVIEW_CODES, 8, 0, "auto", null);
    }

    /** These options with {@code k} components and {@code p} previews. */
    public DirectionsOptions withComponents(int k, int p) {
        return new DirectionsOptions(codes, output, space, k, sample, seed, filter, model, p, previewCodes, batchSize,
                partitions, device, id);
    }

    /** These options with another filter. */
    public DirectionsOptions withFilter(String sql) {
        return new DirectionsOptions(codes, output, space, components, sample, seed, sql, model, previews,
                previewCodes, batchSize, partitions, device, id);
    }

    /** These options with another model. */
    public DirectionsOptions withModel(String checkpoint) {
        return new DirectionsOptions(codes, output, space, components, sample, seed, filter, checkpoint, previews,
                previewCodes, batchSize, partitions, device, id);
    }

    /** These options with another number of fit tasks. */
    public DirectionsOptions withPartitions(int n) {
        return new DirectionsOptions(codes, output, space, components, sample, seed, filter, model, previews,
                previewCodes, batchSize, n, device, id);
    }

    /** These options with another sample size and seed. */
    public DirectionsOptions withSample(long n, long sampleSeed) {
        return new DirectionsOptions(codes, output, space, components, n, sampleSeed, filter, model, previews,
                previewCodes, batchSize, partitions, device, id);
    }

    /** The options as recorded in {@code catalogue.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codes", codes);
        m.put("output", output);
        m.put("space", space.label());
        m.put("components", components);
        m.put("sample", sample == 0 ? "all" : sample);
        m.put("seed", seed);
        m.put("filter", filter);
        m.put("model", model);
        m.put("previews", previews);
        m.put("preview_codes", previewCodes);
        m.put("batch_size", batchSize);
        m.put("partitions", partitions);
        m.put("device", device);
        m.put("id", id);
        return m;
    }
}
