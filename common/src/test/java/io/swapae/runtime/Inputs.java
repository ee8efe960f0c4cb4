package io.swapae.runtime;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Test inputs: a name and bytes, with PNG images drawn with java.awt. */
record Inputs(String name, byte[] bytes) {

    /** Reads {@link Inputs}; bytes named {@code unreadable*} fail to read. */
    static final InputAccess<Inputs> ACCESS = new InputAccess<>() {
        @Override
        public String source(Inputs input) {
            return input.name();
        }

        @Override
        public byte[] bytes(Inputs input) throws IOException {
            if (input.name().startsWith("unreadable")) {
                throw new IOException("connection reset reading " + input.name());
            }
            return input.bytes();
        }
    };

    /** A PNG of {@code w}×{@code h} with random rectangles. */
    static Inputs png(String name, int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillRect(random.nextInt(w), random.nextInt(h), 1 + random.nextInt(w / 2), 1 + random.nextInt(h / 2));
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return new Inputs(name, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Inputs text(String name) {
        return new Inputs(name, "hello, not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
