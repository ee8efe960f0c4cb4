package io.swapae.jobs.encode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one encode run did (written to {@code ROOT/_run.json}).
 *
 * @param runId    the run's id (also the name of its folders in the tables)
 * @param inputs   inputs seen
 * @param encoded  codes rows written by this run
 * @param failed   errors rows written by this run
 * @param skipped  inputs not processed: already encoded, already quarantined, or duplicates of another input
 * @param seconds  wall time
 * @param model    the model's fingerprint
 */
public record EncodeSummary(String runId, long inputs, long encoded, long failed, long skipped, double seconds,
                           String model) {

    /** Encoded images per second of wall time. */
    public double imagesPerSecond() {
        return seconds > 0 ? encoded / seconds : 0;
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("model", model);
        m.put("inputs", inputs);
        m.put("encoded", encoded);
        m.put("errors", failed);
        m.put("skipped", skipped);
        m.put("wall_seconds", Math.round(seconds * 1000) / 1000.0);
        m.put("images_per_second", Math.round(imagesPerSecond() * 1000) / 1000.0);
        return m;
    }
}
