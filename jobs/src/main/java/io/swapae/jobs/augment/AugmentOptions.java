package io.swapae.jobs.augment;

import io.swapae.jobs.generate.ImageOutput;
import io.swapae.runtime.DeviceChoice;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The options of the augment job, validated when built: every message names the option, the value found and what is
 * accepted.
 *
 * @param codes      the codes table, {@code ROOT/codes} of an encode run (its committed runs are read)
 * @param output     the output root: {@code OUT/images/augment/}, {@code OUT/generated}, {@code OUT/_run.json}
 * @param perImage   variants made of each code
 * @param ops        the operations each variant's operation is drawn from
 * @param catalogue  the direction catalogue edits move along (required with {@code edit}, only then)
 * @param maxSigma   edits move by a strength drawn uniformly in ±this many standard deviations
 * @param components edits use the first this many components of the catalogue (0: all it keeps)
 * @param donors     size of the donor pool (a seeded sample of the codes) for swaps and blends
 * @param seed       seed of the donor pool, of every variant's draws and of the generator's noise
 * @param filter     a Spark SQL condition on the codes table ({@code null}: every code)
 * @param model      the checkpoint that made the codes ({@code null}: the embedded default)
 * @param batchSize  pictures per model call
 * @param device     {@code auto}, {@code cpu} or {@code gpu}
 * @param partitions tasks the codes are spread over before planning (0: as they are read)
 * @param images     format and store of the pictures
 */
public record AugmentOptions(String codes, String output, int perImage, List<AugmentOp> ops, String catalogue,
                             double maxSigma, int components, int donors, long seed, String filter, String model,
                             int batchSize, String device, int partitions, ImageOutput images)
        implements Serializable {

    /** Default size of the donor pool. */
    public static final int DEFAULT_DONORS = 256;
    /** Largest donor pool: the pool is collected to the driver and sent to every executor. */
    public static final int MAX_DONORS = 65_536;
    /** Default bound of edit strengths, in standard deviations. */
    public static final double DEFAULT_MAX_SIGMA = 3;

    public AugmentOptions {
        if (codes == null || codes.isBlank()) {
            throw new IllegalArgumentException("--codes: the codes table (ROOT/codes of an encode run) is required");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output: the output root is required");
        }
        if (perImage < 1 || perImage > 1024) {
            throw new IllegalArgumentException("--per-image must be in 1..1024 (variants of each code), got "
                    + perImage);
        }
        if (ops == null || ops.isEmpty()) {
            throw new IllegalArgumentException("--ops needs at least one of swap, edit, blend");
        }
        ops = List.copyOf(ops);
        if (ops.contains(AugmentOp.EDIT) && (catalogue == null || catalogue.isBlank())) {
            throw new IllegalArgumentException("--ops " + labels(ops) + " includes edit, which needs --catalogue CAT"
                    + " (a folder written by swapae directions)");
        }
        if (!ops.contains(AugmentOp.EDIT) && catalogue != null) {
            throw new IllegalArgumentException("--catalogue " + catalogue + " is only used by edit, which --ops "
                    + labels(ops) + " does not include");
        }
        if (!(maxSigma > 0) || maxSigma > 100) {
            throw new IllegalArgumentException("--max-sigma must be in (0, 100] standard deviations, got " + maxSigma);
        }
        if (components < 0 || components > 65_536) {
            throw new IllegalArgumentException("--components must be in 0..65536 (0: every component of the"
                    + " catalogue), got " + components);
        }
        if (donors < 2 || donors > MAX_DONORS) {
            throw new IllegalArgumentException("--donors must be in 2.." + MAX_DONORS + ", got " + donors);
        }
        if (filter != null && filter.isBlank()) {
            throw new IllegalArgumentException("--filter must be a Spark SQL condition, got an empty one");
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("--batch-size must be in 1..1024, got " + batchSize);
        }
        try {
            DeviceChoice.parse(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0 (0: as the codes are read), got "
                    + partitions);
        }
        if (images == null) {
            throw new IllegalArgumentException("the image output (--format, --quality, --store) is required");
        }
    }

    /** Options with the defaults for everything but the codes, the output, the variants per code and the ops. */
    public static AugmentOptions of(String codes, String output, int perImage, List<AugmentOp> ops) {
        return new AugmentOptions(codes, output, perImage, ops, null, DEFAULT_MAX_SIGMA, 0, DEFAULT_DONORS, 0, null,
                null, 8, "auto", 0, ImageOutput.PNG_FILES);
    }

    /** These options with another model. */
    public AugmentOptions withModel(String checkpoint) {
        return new AugmentOptions(codes, output, perImage, ops, catalogue, maxSigma, components, donors, seed, filter,
                checkpoint, batchSize, device, partitions, images);
    }

    /** These options with edits along the first {@code k} components of {@code folder}, up to ±{@code sigmas} σ. */
    public AugmentOptions withCatalogue(String folder, int k, double sigmas) {
        return new AugmentOptions(codes, output, perImage, ops, folder, sigmas, k, donors, seed, filter, model,
                batchSize, device, partitions, images);
    }

    /** These options with another filter. */
    public AugmentOptions withFilter(String sql) {
        return new AugmentOptions(codes, output, perImage, ops, catalogue, maxSigma, components, donors, seed, sql,
                model, batchSize, device, partitions, images);
    }

    /** These options with another output root and number of tasks. */
    public AugmentOptions withOutput(String root, int tasks) {
        return new AugmentOptions(codes, root, perImage, ops, catalogue, maxSigma, components, donors, seed, filter,
                model, batchSize, device, tasks, images);
    }

    /** These options with another image output. */
    public AugmentOptions withImages(ImageOutput output) {
        return new AugmentOptions(codes, this.output, perImage, ops, catalogue, maxSigma, components, donors, seed,
                filter, model, batchSize, device, partitions, output);
    }

    /** What decides the pictures of a run (not where they go, nor how they are computed). */
    Map<String, Object> identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codes", codes);
        m.put("per_image", perImage);
        m.put("ops", ops.stream().map(AugmentOp::label).toList());
        m.put("catalogue", catalogue);
        m.put("max_sigma", maxSigma);
        m.put("components", components);
        m.put("donors", donors);
        m.put("seed", seed);
        m.put("filter", filter);
        m.putAll(new TreeMap<>(images.describe()));
        return m;
    }

    /** The options as recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output", output);
        m.putAll(identity());
        m.put("model", model);
        m.put("batch_size", batchSize);
        m.put("device", device);
        m.put("partitions", partitions);
        return m;
    }

    private static String labels(List<AugmentOp> ops) {
        return ops.stream().map(AugmentOp::label).collect(Collectors.joining(","));
    }
}
