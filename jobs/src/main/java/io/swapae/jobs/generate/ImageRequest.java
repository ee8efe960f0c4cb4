package io.swapae.jobs.generate;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A picture to generate: the structure and texture codes it decodes, the noise it gets, what it is made of and where it
 * goes; it becomes one row of {@code OUT/generated}.
 *
 * @param id             the picture's id: a hash of everything that makes it, so a rerun recognises it
 * @param op             the operation that made the codes (swap, interpolate, blend, edit, augment …)
 * @param params         the operation's parameters as JSON
 * @param structureIds   the codes whose structure it uses
 * @param textureIds     the codes whose texture it uses
 * @param uri            where its file goes (also with {@code --store parquet}, as its name)
 * @param structure      the structure code, flattened C×H×W
 * @param structureShape C, H, W of the structure code
 * @param texture        the texture code
 * @param noiseId        the output id whose noise it gets under the job's seed
 */
public record ImageRequest(String id, String op, String params, List<String> structureIds, List<String> textureIds,
                           String uri, float[] structure, int[] structureShape, float[] texture, long noiseId)
        implements Serializable {

    public ImageRequest {
        structureIds = List.copyOf(structureIds);
        textureIds = List.copyOf(textureIds);
        if (structureShape.length != 3 || structure.length != structureShape[0] * structureShape[1] * structureShape[2]) {
            throw new IllegalArgumentException("a structure code of shape " + Arrays.toString(structureShape)
                    + " cannot hold " + structure.length + " values");
        }
    }
}
