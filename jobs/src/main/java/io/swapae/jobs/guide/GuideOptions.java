package io.swapae.jobs.guide;

import io.swapae.guidance.GuidanceRegion;
import io.swapae.guidance.GuidanceSettings;
import io.swapae.guidance.GuidanceTarget;
import io.swapae.jobs.generate.ImageOutput;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the guide job, validated when built: every message names the option, the value found and what is
 * accepted.
 *
 * @param codes       the codes table, {@code ROOT/codes} of an encode run
 * @param output      the output root: {@code OUT/guided}, {@code OUT/generated}, {@code OUT/images/guide/}, …
 * @param prompts     the text prompts (empty with an image prompt)
 * @param imagePrompt an image whose CLIP embedding is the prompt ({@code null}: the text prompts)
 * @param negative    a text to move away from ({@code null}: none)
 * @param guidance    target, steps, learning rate, λ, cutouts, region and strip interval
 * @param clip        the CLIP model: a name in the model store, a folder or a weights file
 * @param ids         content ids (or prefixes of at least 8 hex digits) of the codes to guide
 * @param sample      guide this many codes drawn at random (seeded) instead ({@code 0}: {@code ids}, or all codes)
 * @param model       the checkpoint that made the codes ({@code null}: the embedded default)
 * @param seed        seed of the sample, the cutouts and the generator's noise
 * @param batchSize   pairs optimised together
 * @param device      {@code auto}, {@code cpu} or {@code gpu}
 * @param images      format and store of the pictures
 */
public record GuideOptions(String codes, String output, List<String> prompts, String imagePrompt, String negative,
                           GuidanceSettings guidance, String clip, List<String> ids, int sample, String model,
                           long seed, int batchSize, String device, ImageOutput images) implements Serializable {

    /** The CLIP model used when {@code --clip} is not given. */
    public static final String DEFAULT_CLIP = "clip-vit-b-32";

    public GuideOptions {
        if (codes == null || codes.isBlank()) {
            throw new IllegalArgumentException("--codes: the codes table (ROOT/codes of an encode run) is required");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output: the output root is required");
        }
        prompts = List.copyOf(prompts == null ? List.of() : prompts.stream().map(String::strip)
                .filter(p -> !p.isEmpty()).toList());
        if (prompts.isEmpty() && imagePrompt == null) {
            throw new IllegalArgumentException("give --prompts (a text, or a file of one prompt per line) or"
                    + " --image-prompt PATH");
        }
        if (!prompts.isEmpty() && imagePrompt != null) {
            throw new IllegalArgumentException("give either --prompts (got " + prompts.size() + ") or --image-prompt"
                    + " (got " + imagePrompt + "), not both");
        }
        if (prompts.size() > 1000) {
            throw new IllegalArgumentException("--prompts holds " + prompts.size() + " prompts; at most 1000 are"
                    + " accepted");
        }
        if (negative != null && negative.isBlank()) {
            throw new IllegalArgumentException("--negative must be a text, got an empty one");
        }
        if (guidance == null) {
            throw new IllegalArgumentException("the guidance settings (--target, --steps, --lr, …) are required");
        }
        if (clip == null || clip.isBlank()) {
            throw new IllegalArgumentException("--clip: a CLIP model's name, folder or weights file is required");
        }
        ids = List.copyOf(ids == null ? List.of() : ids);
        for (String id : ids) {
            if (!id.matches("[0-9a-fA-F]{8,}")) {
                throw new IllegalArgumentException("--ids takes content ids of the codes table or prefixes of at"
                        + " least 8 hex digits, got '" + id + "'");
            }
        }
        if (sample < 0 || sample > 100_000) {
            throw new IllegalArgumentException("--sample must be in 0..100000 (0: --ids, or every code), got "
                    + sample);
        }
        if (sample > 0 && !ids.isEmpty()) {
            throw new IllegalArgumentException("give either --sample (got " + sample + ") or --ids, not both");
        }
        if (batchSize < 1 || batchSize > 256) {
            throw new IllegalArgumentException("--batch-size must be in 1..256, got " + batchSize);
        }
        if (images == null) {
            throw new IllegalArgumentException("the image output (--format, --quality, --store) is required");
        }
    }

    /** Options with the defaults for everything but the codes, the output, the prompts, the target and the CLIP. */
    public static GuideOptions of(String codes, String output, List<String> prompts, GuidanceTarget target,
                                  String clip) {
        return new GuideOptions(codes, output, prompts, null, null, defaults(target, 0), clip, List.of(), 0, null, 0,
                4, "auto", ImageOutput.PNG_FILES);
    }

    /** The default guidance of {@code target} under {@code seed}: 100 steps, lr 0.03, λ 1, 8 cutouts of ≥ 60 %. */
    public static GuidanceSettings defaults(GuidanceTarget target, long seed) {
        return new GuidanceSettings(target, 100, 0.03, 1.0, 8, 0.6, seed, 0, null);
    }

    /** These options with other guidance settings. */
    public GuideOptions withGuidance(GuidanceSettings settings) {
        return new GuideOptions(codes, output, prompts, imagePrompt, negative, settings, clip, ids, sample, model,
                seed, batchSize, device, images);
    }

    /** These options with another model, seed and batch size. */
    public GuideOptions withRun(String checkpoint, long runSeed, int batch) {
        return new GuideOptions(codes, output, prompts, imagePrompt, negative, guidance, clip, ids, sample,
                checkpoint, runSeed, batch, device, images);
    }

    /** The guidance parameters that make a pair's result, as recorded in its {@code params} JSON. */
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", guidance.target().label());
        m.put("steps", guidance.steps());
        m.put("lr", guidance.learningRate());
        m.put("lambda", guidance.lambda());
        m.put("cutouts", guidance.cutouts());
        m.put("cutout_size", guidance.cutoutSize());
        m.put("negative", negative);
        m.put("region", guidance.region() == null ? null : guidance.region().toString());
        m.put("strip_every", guidance.snapshotEvery());
        return m;
    }

    /** The options as recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codes", codes);
        m.put("output", output);
        m.put("prompts", prompts);
        m.put("image_prompt", imagePrompt);
        m.putAll(params());
        m.put("clip", clip);
        m.put("ids", ids);
        m.put("sample", sample);
        m.put("model", model);
        m.put("seed", seed);
        m.put("batch_size", batchSize);
        m.put("device", device);
        m.putAll(images.describe());
        return m;
    }

    /** Parses {@code --region} when given. */
    static GuidanceRegion region(String text) {
        return text == null ? null : GuidanceRegion.parse(text);
    }
}
