package io.swapae.checkpoint;

import java.io.IOException;

/** A checkpoint could not be used: unreadable, hostile, or not the model it claims to be. The message is one line. */
public class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
