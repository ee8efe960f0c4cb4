package io.swapae.jobs.sequences;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A picture of a sequence to decode: a frame, or a tile of a train ride's strip, of which only some columns are kept.
 *
 * @param sequence  the sequence id
 * @param index     the frame's (or tile's) index in the sequence
 * @param params    what makes it, as JSON
 * @param uri       where its PNG goes
 * @param structure the structure code, flattened C×H×W
 * @param shape     C, H, W of the structure code
 * @param texture   the texture code
 * @param noiseId   the output id whose noise it gets under the job's seed
 * @param keepFrom  the first code column kept
 * @param keepWidth the code columns kept (the code's width: the whole picture)
 */
record PictureRequest(String sequence, int index, String params, String uri, float[] structure, int[] shape,
                      float[] texture, long noiseId, int keepFrom, int keepWidth)
        implements Serializable, BatchDecoder.Codes {

    PictureRequest {
        if (shape.length != 3 || structure.length != shape[0] * shape[1] * shape[2]) {
            throw new IllegalArgumentException("a structure code of shape " + Arrays.toString(shape)
                    + " cannot hold " + structure.length + " values");
        }
        if (keepFrom < 0 || keepWidth < 1 || keepFrom + keepWidth > shape[2]) {
            throw new IllegalArgumentException("columns " + keepFrom + ".." + (keepFrom + keepWidth - 1)
                    + " are not inside a structure code " + shape[2] + " wide");
        }
    }

    /** A whole picture. */
    static PictureRequest whole(String sequence, int index, String params, String uri, float[] structure,
                                int[] shape, float[] texture, long noiseId) {
        return new PictureRequest(sequence, index, params, uri, structure, shape, texture, noiseId, 0, shape[2]);
    }
}
