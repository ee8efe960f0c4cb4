package io.swapae.jobs.testing;

import io.swapae.checkpoint.ModelWeights;
import io.swapae.checkpoint.SafetensorsWriter;
import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;
import io.swapae.model.RandomWeights;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * A small image dataset for encode tests: good PNG/JPEG pictures (names of mixed case, in a nested folder) and four
 * bad inputs (truncated, not an image, empty, a decompression bomb's header), plus a small random-weights model.
 */
public final class EncodeDataset {

    /** The small architecture of the test model. */
    public static final Architecture SMALL = new Architecture(8, 64, 0.0625, 4, 2, 2.0, 0.0625, 2, true, true);
    /** Its preprocessing (recorded in the model file). */
    public static final Preprocess RESIZE_128 = Preprocess.of("resize", 128, 128);
    /** The seed of its weights. */
    public static final long SEED = 3;
    /** Bad inputs and the reason each must be quarantined with. */
    public static final Map<String, String> BAD = Map.of("truncated.png", "TRUNCATED", "notes.jpg", "NOT_AN_IMAGE",
            "empty.png", "EMPTY", "bomb.png", "TOO_MANY_PIXELS");

    private EncodeDataset() {
    }

    /** Writes {@code good} pictures and the bad inputs under {@code root/nested}; returns {@code root}. */
    public static Path images(Path root, int good) throws IOException {
        Path images = Files.createDirectories(root.resolve("nested"));
        for (int i = 0; i < good; i++) {
            String name = i % 2 == 0 ? "img" + i + ".png" : "IMG" + i + ".JPG";
            Files.write(images.resolve(name), picture(150 + 10 * (i % 7), 120 + 7 * (i % 5), i, i % 2 == 0 ? "png" : "jpg"));
        }
        byte[] png = picture(64, 64, 9, "png");
        Files.write(images.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        Files.writeString(images.resolve("notes.jpg"), "not an image at all");
        Files.write(images.resolve("empty.png"), new byte[0]);
        Files.write(images.resolve("bomb.png"), pngHeader(100_000, 100_000));
        Files.writeString(images.resolve("readme.txt"), "ignored: not an image extension");
        return root;
    }

    /** Writes the test model (safetensors with its architecture and preprocessing) to {@code file}. */
    public static Path model(Path file) throws IOException {
        SafetensorsWriter.write(ModelWeights.of(SMALL, RESIZE_128, RandomWeights.of(SMALL, SEED), Map.of()), file);
        return file;
    }

    /** A picture with a background colour and a disc, different for each seed. */
    public static byte[] picture(int w, int h, int seed, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30 * seed % 255, (80 + 13 * seed) % 255, Math.floorMod(200 - 20 * seed, 255)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(250, Math.floorMod(200 - 15 * seed, 255), 40));
        g.fillOval(w / 4 + seed % 20 * 3, h / 5, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** A PNG signature and IHDR declaring {@code w × h}: a decompression bomb's header. */
    public static byte[] pngHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        b.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 12, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
