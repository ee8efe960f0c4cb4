package io.swapae.image;

import java.util.Locale;

/**
 * One of the official preprocessing modes ({@code --preprocess}, {@code --load_size}, {@code --crop_size}):
 * what is done to an image before the encoder sees it. Crops are centred (the official test transform crops at a
 * random position; a batch job wants a reproducible one). After the mode, each side is rounded to the nearest
 * multiple of 16 with a bicubic resize, as the official loader does.
 */
public record Preprocess(Mode mode, int loadSize, int cropSize) implements java.io.Serializable {

    /** The official {@code --preprocess} values. */
    public enum Mode {
        RESIZE, RESIZE_AND_CROP, SCALE_WIDTH, SCALE_WIDTH_AND_CROP, SCALE_SHORTSIDE, SCALE_SHORTSIDE_AND_CROP,
        SCALE_LONGSIDE, SCALE_LONGSIDE_AND_CROP, NONE;

        /** The official name, e.g. {@code scale_shortside_and_crop}. */
        public String officialName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses an official name; the message lists the accepted names. */
        public static Mode parse(String name) {
            for (Mode m : values()) {
                if (m.officialName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            StringBuilder accepted = new StringBuilder();
            for (Mode m : values()) {
                accepted.append(accepted.length() == 0 ? "" : ", ").append(m.officialName());
            }
            throw new IllegalArgumentException("unknown preprocess mode '" + name + "'; accepted: " + accepted);
        }
    }

    public Preprocess {
        if (mode == null) {
            throw new IllegalArgumentException("preprocess mode is required");
        }
        if (loadSize < 1 || cropSize < 1) {
            throw new IllegalArgumentException("load_size and crop_size must be >= 1, got " + loadSize + " and " + cropSize);
        }
    }

    /** Parses {@code mode}, e.g. {@code Preprocess.of("scale_shortside_and_crop", 256, 256)}. */
    public static Preprocess of(String mode, int loadSize, int cropSize) {
        return new Preprocess(Mode.parse(mode), loadSize, cropSize);
    }

    /** Short stable text, e.g. {@code scale_shortside_and_crop/256/256}, as stored in the codes table. */
    @Override
    public String toString() {
        return mode.officialName() + "/" + loadSize + "/" + cropSize;
    }
}
