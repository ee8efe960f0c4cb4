package io.swapae.jobs.sequences;

import java.io.Serializable;

/**
 * A frame written by a task, or a sequence that failed: what the manifest records of it.
 *
 * @param sequence the sequence id
 * @param frame    the frame index; {@code null} for a failed sequence
 * @param params   what makes the frame, as JSON
 * @param width    its width in pixels
 * @param height   its height in pixels
 * @param error    why the sequence failed; {@code null} for a frame
 */
record RenderedFrame(String sequence, Integer frame, String params, int width, int height, String error)
        implements Serializable {

    /** A written frame. */
    static RenderedFrame written(String sequence, int frame, String params, int width, int height) {
        return new RenderedFrame(sequence, frame, params, width, height, null);
    }

    /** A sequence that failed, and why. */
    static RenderedFrame failed(String sequence, String error) {
        return new RenderedFrame(sequence, null, null, 0, 0, error);
    }

    boolean isFailure() {
        return error != null;
    }
}
