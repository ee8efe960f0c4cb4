package io.swapae.jobs.mix;

import io.swapae.latent.StructureBlend.Feather;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How {@code --op blend} joins two structure codes side by side and which texture the joined picture gets, validated
 * when built.
 *
 * @param seam    columns of code cells over which the left code cross-fades into the right one
 * @param feather how the right code's weight grows across the seam
 * @param texture {@code left}, {@code right}, a code id (or prefix of at least 8 hex digits) whose texture every
 *                cell gets, or {@code regions}: each side keeps its own texture, interpolated across the seam
 */
public record BlendOptions(int seam, Feather feather, String texture) implements Serializable {

    /** Each side's texture, composited across the seam. */
    public static final String REGIONS = "regions";
    /** The left structure source's texture. */
    public static final String LEFT = "left";
    /** The right structure source's texture. */
    public static final String RIGHT = "right";
    /** Seam, feather and texture when none are given. */
    public static final BlendOptions DEFAULT = new BlendOptions(2, Feather.COSINE, LEFT);

    public BlendOptions {
        if (seam < 0 || seam > 256) {
            throw new IllegalArgumentException("--seam must be in 0..256 code cells (0: no cross-fade), got " + seam);
        }
        if (feather == null) {
            throw new IllegalArgumentException("--feather is required: linear or cosine");
        }
        if (texture == null || !(texture.equals(LEFT) || texture.equals(RIGHT) || texture.equals(REGIONS)
                || texture.matches("[0-9a-fA-F]{8,}"))) {
            throw new IllegalArgumentException("--blend-texture must be left, right, regions or a code id (at least"
                    + " 8 hex digits), got '" + texture + "'");
        }
    }

    /** The feather named {@code value} on the command line. */
    public static Feather feather(String value) {
        for (Feather f : Feather.values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--feather must be one of " + Arrays.stream(Feather.values())
                .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got '" + value
                + "'");
    }

    /** Whether the texture is one code given by id. */
    public boolean textureFromCode() {
        return !(texture.equals(LEFT) || texture.equals(RIGHT) || texture.equals(REGIONS));
    }

    /** As recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seam", seam);
        m.put("feather", feather.name().toLowerCase(Locale.ROOT));
        m.put("blend_texture", texture);
        return m;
    }
}
