package io.swapae.runtime;

/**
 * The producer side of a {@link BatchPipeline} failed as a whole (the input iterator threw, or an error such as
 * running out of memory), as opposed to one input failing. The cause is the original failure.
 */
public final class PipelineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
