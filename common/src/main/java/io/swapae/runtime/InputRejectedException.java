package io.swapae.runtime;

/** One input cannot be made into a model input; carries the errors-table fields. */
public final class InputRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Stage stage;
    private final String error;

    public InputRejectedException(Stage stage, String error, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.error = error;
    }

    public Stage stage() {
        return stage;
    }

    /** The failure's category: a decoder reason, or an exception's type. */
    public String error() {
        return error;
    }
}
