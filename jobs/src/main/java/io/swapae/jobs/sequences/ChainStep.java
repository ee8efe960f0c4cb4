package io.swapae.jobs.sequences;

import io.swapae.jobs.directions.CodeSpace;
import io.swapae.latent.DirectionEdits;
import io.swapae.latent.StructureTransform;
import java.io.Serializable;
import java.util.Random;

/**
 * What a recursive chain does to the codes of a re-encoded frame before decoding the next one: the structure
 * transform (zoom, rotation, translation in code cells, outside read as the mirrored grid), an optional move along a
 * catalogue direction, and an optional random drift of the texture. Codes are not re-normalized: the generator
 * re-normalizes what it decodes, as the direction previews rely on.
 *
 * @param zoom          magnification per step
 * @param rotate        degrees per step, counter-clockwise
 * @param translateX    code cells per step, to the right
 * @param translateY    code cells per step, down
 * @param editSpace     the space of the edit direction ({@code null}: no edit)
 * @param editDirection the unit direction
 * @param editAmount    the move per step along it (strength × the direction's standard deviation)
 * @param textureDrift  length of the random step added to the texture per frame (0: none)
 */
record ChainStep(double zoom, double rotate, double translateX, double translateY, CodeSpace editSpace,
                 double[] editDirection, double editAmount, double textureDrift) implements Serializable {

    /** The structure code of the next frame, from the re-encoded one. */
    float[] structure(float[] structure, int[] shape) {
        float[] out = StructureTransform.identity().zoom(zoom).rotate(rotate).translate(translateX, translateY)
                .apply(structure, shape);
        if (editSpace == CodeSpace.STRUCTURE) {
            out = DirectionEdits.along(out, editDirection, editAmount);
        } else if (editSpace == CodeSpace.STRUCTURE_LOCAL) {
            out = DirectionEdits.alongEachLocation(out, shape, editDirection, editAmount, null);
        }
        return out;
    }

    /** The texture code of the next frame (step {@code step} of the chain whose noise id is {@code chain}). */
    float[] texture(float[] texture, long seed, long chain, int step) {
        float[] out = editSpace == CodeSpace.TEXTURE ? DirectionEdits.along(texture, editDirection, editAmount)
                : texture;
        if (textureDrift == 0) {
            return out;
        }
        Random random = new Random(seed * 0x9E3779B97F4A7C15L ^ chain ^ (long) step * 0xBF58476D1CE4E5B9L);
        double[] drift = new double[out.length];
        double norm = 0;
        for (int i = 0; i < drift.length; i++) {
            drift[i] = random.nextGaussian();
            norm += drift[i] * drift[i];
        }
        return DirectionEdits.along(out, drift, textureDrift / Math.sqrt(norm));
    }
}
