package io.swapae.runtime;

import io.swapae.image.ImageDecodeException;
import io.swapae.image.ImageDecoder;
import io.swapae.image.Preprocessor;
import io.swapae.image.RgbImage;
import io.swapae.model.Architecture;

/**
 * Turns encoded image bytes into an image the model accepts: decode (with the decoder's limits), preprocess, check
 * the size against the architecture. Every failure is an {@link InputRejectedException}. Thread-safe.
 */
public final class ImagePreparer {

    /** The error of an image whose preprocessed size the architecture does not accept. */
    public static final String INVALID_SIZE = "INVALID_SIZE";

    /** A preprocessed image with the size of the original. */
    public record Prepared(RgbImage image, int originalWidth, int originalHeight) {
    }

    private final ImageDecoder decoder;
    private final Preprocessor preprocessor;
    private final Architecture architecture;

    public ImagePreparer(ImageDecoder decoder, Preprocessor preprocessor, Architecture architecture) {
        if (decoder == null || preprocessor == null || architecture == null) {
            throw new IllegalArgumentException("decoder, preprocessor and architecture are required");
        }
        this.decoder = decoder;
        this.preprocessor = preprocessor;
        this.architecture = architecture;
    }

    /** The model input made from {@code bytes}. */
    public Prepared prepare(byte[] bytes) throws InputRejectedException {
        RgbImage original;
        try {
            original = decoder.decode(bytes);
        } catch (ImageDecodeException e) {
            throw new InputRejectedException(Stage.DECODE, e.reason().name(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InputRejectedException(Stage.DECODE, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), e);
        }
        RgbImage image;
        try {
            image = preprocessor.apply(original);
        } catch (RuntimeException e) {
            throw new InputRejectedException(Stage.PREPROCESS, e.getClass().getSimpleName(),
                    original.size() + " image: " + e.getMessage(), e);
        }
        try {
            architecture.checkInputSize(image.height(), image.width());
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException(Stage.PREPROCESS, INVALID_SIZE, original.size() + " image preprocessed with "
                    + preprocessor.preprocess() + ": " + e.getMessage(), e);
        }
        return new Prepared(image, original.width(), original.height());
    }
}
