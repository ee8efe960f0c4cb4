package io.swapae.runtime;

/**
 * An input that could not be made into a model input, as one errors-table row: where it failed, the error (the
 * decoder's {@link io.swapae.image.ImageDecodeException.Reason reason}, else the exception's type) and a one-line
 * message.
 */
public record Rejected<T>(T input, String source, Stage stage, String error, String message)
        implements EncodeResult<T> {
}
