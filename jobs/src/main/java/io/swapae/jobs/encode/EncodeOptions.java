package io.swapae.jobs.encode;

import io.swapae.image.Preprocess;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of the encode job, validated when built: every message names the option, the value found and what is
 * accepted. Defaults: batch size 8, partitions from Spark's default parallelism, 50-megapixel decode limit.
 *
 * @param inputs        image folders (recursive), text lists of URIs, or Parquet tables (URIs or image bytes)
 * @param output        the output root: {@code ROOT/codes}, {@code ROOT/errors}, {@code ROOT/_run.json}
 * @param model         a released model's name, a checkpoint path or URI; {@code null} for the embedded default
 *                      (untrained) model
 * @param preprocess    the preprocessing; {@code null} to take the model's own
 * @param batchSize     images per model call
 * @param partitions    Spark partitions for the encoding stage; 0 for Spark's default parallelism
 * @param retryErrors   retry inputs already in {@code ROOT/errors}
 * @param maxPixels     decoded images larger than this are refused before decoding (decompression bombs)
 * @param imageColumn   for Parquet inputs with image bytes: the binary column (null: the first binary column)
 * @param sourceColumn  for Parquet inputs: the column with the source URI or name (null: source, uri or path)
 */
public record EncodeOptions(List<String> inputs, String output, String model, Preprocess preprocess, int batchSize,
                            int partitions, boolean retryErrors, long maxPixels, String imageColumn,
                            String sourceColumn) implements Serializable {

    /** Default decode limit: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    public EncodeOptions {
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("--input: at least one input URI is required, got " + inputs);
        }
        inputs = List.copyOf(inputs);
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output: an output root URI is required");
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("--batch-size must be in 1..1024, got " + batchSize);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0 (0: Spark's default), got " + partitions);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be >= 1, got " + maxPixels);
        }
    }

    /** The options as recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new TreeMap<>();
        m.put("inputs", inputs);
        m.put("output", output);
        m.put("model", model == null ? "embedded default (untrained)" : model);
        m.put("preprocess", preprocess == null ? "the model's" : preprocess.toString());
        m.put("batch_size", batchSize);
        m.put("partitions", partitions);
        m.put("retry_errors", retryErrors);
        m.put("max_pixels", maxPixels);
        if (imageColumn != null) {
            m.put("image_column", imageColumn);
        }
        if (sourceColumn != null) {
            m.put("source_column", sourceColumn);
        }
        return m;
    }
}
