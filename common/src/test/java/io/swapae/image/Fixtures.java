package io.swapae.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads test resources. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RgbImage image(String resource) {
        try {
            return new ImageDecoder().decode(bytes(resource));
        } catch (ImageDecodeException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }
}
