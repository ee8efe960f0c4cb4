package io.swapae.jobs.generate;

import io.swapae.image.ImageEncoder;
import io.swapae.image.RgbImage;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How generated pictures are kept: their format and JPEG quality, and whether they go to files in object storage, into
 * the {@code generated} table as bytes, or both.
 *
 * @param format  PNG (lossless) or JPEG
 * @param quality JPEG quality 1..100 (ignored for PNG)
 * @param store   where the encoded pictures go
 */
public record ImageOutput(ImageEncoder.Format format, int quality, Store store) implements Serializable {

    /** Row groups of the {@code generated} table when it holds pictures: big enough to read fast, small to write. */
    static final long ROW_GROUP_BYTES = 64L << 20;

    /** Where the encoded pictures go. */
    public enum Store {
        /** A file per picture, its URI in the table. */
        FILES,
        /** The bytes in the table's {@code image} column, no files: one self-contained dataset. */
        PARQUET,
        /** Both. */
        BOTH;

        /** The name on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The store named {@code value}. */
        public static Store parse(String value) {
            for (Store s : values()) {
                if (s.label().equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("--store must be one of " + Arrays.stream(values()).map(Store::label)
                    .collect(Collectors.joining(", ")) + ", got '" + value + "'");
        }
    }

    /** PNG files, the default. */
    public static final ImageOutput PNG_FILES = new ImageOutput(ImageEncoder.Format.PNG,
            ImageEncoder.DEFAULT_JPEG_QUALITY, Store.FILES);

    public ImageOutput {
        if (format == null || store == null) {
            throw new IllegalArgumentException("an image output needs a format and a store");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("--quality must be in 1..100 (JPEG quality), got " + quality);
        }
    }

    /** The output described by the options {@code --format}, {@code --quality} and {@code --store}. */
    public static ImageOutput of(String format, int quality, String store) {
        ImageEncoder.Format f = switch (format == null ? "" : format.toLowerCase(Locale.ROOT)) {
            case "png" -> ImageEncoder.Format.PNG;
            case "jpeg", "jpg" -> ImageEncoder.Format.JPEG;
            default -> throw new IllegalArgumentException("--format must be png or jpeg, got '" + format + "'");
        };
        return new ImageOutput(f, quality, Store.parse(store));
    }

    /** Whether each picture is written to its own file. */
    public boolean files() {
        return store != Store.PARQUET;
    }

    /** Whether each picture's bytes go into the table. */
    public boolean inTable() {
        return store != Store.FILES;
    }

    /** The name of the format in the table and its file extension. */
    public String formatName() {
        return format == ImageEncoder.Format.PNG ? "png" : "jpeg";
    }

    /** The picture's bytes in this format. */
    public byte[] encode(RgbImage image) {
        return format == ImageEncoder.Format.PNG ? ImageEncoder.png(image) : ImageEncoder.jpeg(image, quality);
    }

    /** Options of the Parquet writer of the {@code generated} table. */
    public Map<String, String> tableWriteOptions() {
        return inTable() ? Map.of("parquet.block.size", Long.toString(ROW_GROUP_BYTES)) : Map.of();
    }

    /** The options as recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        return Map.of("format", formatName(), "quality", quality, "store", store.label());
    }
}
