package io.swapae.jobs.mix;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.jobs.generate.ImageRequest;
import io.swapae.jobs.generate.OutputIds;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * The pictures of a mix grid's cells, each with an id that hashes everything that makes it (operation, parameters,
 * sources, seed, model), so a rerun recognises the cells it already wrote, and its file under
 * {@code OUT/images/<op>/}.
 */
final class CellRequests {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final MixOptions options;
    private final String fingerprint;

    /** Cells of the operation in {@code options}, decoded by the model of {@code fingerprint}. */
    CellRequests(MixOptions options, String fingerprint) {
        this.options = options;
        this.fingerprint = fingerprint;
    }

    /** A cell of one texture code with the noise of the structure source {@code structureIds[0]}. */
    ImageRequest cell(List<String> structureIds, float[] structure, int[] shape, List<String> textureIds,
                      float[] texture, Map<String, Object> params) {
        return cell(structureIds, structure, shape, textureIds, texture, null, params);
    }

    /**
     * A cell with the noise of the structure source {@code structureIds[0]}; {@code regions} ({@code null}: none)
     * gives its parts their own texture codes, {@code texture} being the first of them.
     */
    ImageRequest cell(List<String> structureIds, float[] structure, int[] shape, List<String> textureIds,
                      float[] texture, ImageRequest.TextureRegions regions, Map<String, Object> params) {
        String json = OutputIds.json(params);
        String id = OutputIds.hex(String.join("\n", options.op().label(), json, String.join(",", structureIds),
                String.join(",", textureIds), Long.toString(options.seed()), fingerprint), 16);
        String uri = new Path(new Path(options.output(), "images/" + options.op().label()),
                id + "." + options.images().format().extension()).toString();
        return new ImageRequest(id, options.op().label(), json, structureIds, textureIds, uri, structure, shape,
                texture, noiseId(structureIds.get(0)), regions);
    }

    /** The output id whose seeded noise every cell of the row of structure source {@code structureId} gets. */
    static long noiseId(String structureId) {
        return OutputIds.number(structureId);
    }
}
