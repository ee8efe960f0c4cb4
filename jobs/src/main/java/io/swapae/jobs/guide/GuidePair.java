package io.swapae.jobs.guide;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One (code, prompt) pair of a guide job as it travels to an executor: its id, the source code, the prompt (a text,
 * or an image's bytes) and the negative prompt.
 *
 * @param id             the pair's id: a hash of its source, prompt, parameters, seed, model and CLIP
 * @param sourceId       the content id of the code it starts from
 * @param prompt         the prompt as recorded: the text, or {@code image:NAME}
 * @param promptText     the text prompt ({@code null} with an image prompt)
 * @param promptImage    the image prompt's encoded bytes ({@code null} with a text prompt)
 * @param negative       the negative prompt ({@code null}: none)
 * @param structure      the source's structure code, flattened C×H×W
 * @param structureShape C, H, W of the structure code
 * @param texture        the source's texture code
 * @param noiseId        the output id whose seeded noise the pictures get
 */
public record GuidePair(String id, String sourceId, String prompt, String promptText, byte[] promptImage,
                        String negative, float[] structure, int[] structureShape, float[] texture, long noiseId)
        implements Serializable {

    public GuidePair {
        if ((promptText == null) == (promptImage == null)) {
            throw new IllegalArgumentException("a pair has a text prompt or an image prompt, exactly one");
        }
        if (structureShape.length != 3
                || structure.length != structureShape[0] * structureShape[1] * structureShape[2]) {
            throw new IllegalArgumentException("a structure code of shape " + Arrays.toString(structureShape)
                    + " cannot hold " + structure.length + " values");
        }
    }

    /** What the pair's random cutouts are drawn from: the first 8 bytes of its id. */
    public long key() {
        return Long.parseUnsignedLong(id.substring(0, 16), 16);
    }
}
