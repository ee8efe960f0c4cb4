package io.swapae.runtime;

/** A model could not be loaded onto its device; the cause says why. A later request tries again. */
public final class ModelLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
