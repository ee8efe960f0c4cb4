package io.swapae.guidance;

import java.util.Arrays;

/**
 * One picture to guide towards one prompt: the codes it starts from, the prompt as a unit CLIP embedding (a text's
 * or an image's), an optional negative prompt, the noise it is decoded with and the key its random cutouts derive
 * from.
 *
 * @param structure      the structure code, flattened C×H×W
 * @param structureShape C, H, W of the structure code
 * @param texture        the texture code
 * @param prompt         the unit CLIP embedding to move towards
 * @param negative       the unit CLIP embedding to move away from ({@code null}: none)
 * @param noiseId        the output id whose seeded noise the picture gets
 * @param key            what the pair's cutouts are drawn from (e.g. a hash of its id)
 */
public record GuidancePair(float[] structure, int[] structureShape, float[] texture, float[] prompt, float[] negative,
                           long noiseId, long key) {

    public GuidancePair {
        if (structureShape.length != 3
                || structure.length != structureShape[0] * structureShape[1] * structureShape[2]) {
            throw new IllegalArgumentException("a structure code of shape " + Arrays.toString(structureShape)
                    + " cannot hold " + structure.length + " values");
        }
        if (negative != null && negative.length != prompt.length) {
            throw new IllegalArgumentException("the negative prompt's embedding has " + negative.length
                    + " values, the prompt's " + prompt.length);
        }
    }
}
