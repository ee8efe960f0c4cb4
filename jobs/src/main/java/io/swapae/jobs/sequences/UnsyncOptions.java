package io.swapae.jobs.sequences;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of {@code swapae sequences unsync}, validated when built. Output frame {@code t} keeps the structure of
 * clip frame {@code t} and takes the mean texture of the {@code window} frames from {@code t + offset} of the texture
 * clip: the clip itself (indices clamped to its first and last frame), or another clip played in a loop
 * ({@code loop:ROOT2/codes}, indices wrapped); or one texture for every frame ({@code frozen}: the clip's first
 * frame's; a code id of the codes table).
 *
 * @param codes       the codes of the clip's frames, {@code ROOT/codes} of an encode run; {@code null} with video
 * @param video       a local folder of frames or MP4 file, encoded first into {@code OUT/encoded/codes};
 *                    {@code null} with codes
 * @param offset      frames between a frame and its texture (negative: an earlier frame's)
 * @param window      textures averaged, from the offset frame on
 * @param textureFrom where textures come from
 */
public record UnsyncOptions(String codes, String video, int offset, int window, TextureFrom textureFrom)
        implements Serializable {

    /** The longest window and offset accepted. */
    public static final int MAX_FRAMES = 100_000;

    /** Where the textures of the output frames come from. */
    public sealed interface TextureFrom extends Serializable {

        /** The clip's own frames, indices clamped. */
        record Clip() implements TextureFrom {
        }

        /** The texture of the clip's first frame, for every frame. */
        record Frozen() implements TextureFrom {
        }

        /** The texture of one code of the codes table (its id or a prefix of at least 8 hex digits). */
        record Code(String id) implements TextureFrom {
        }

        /** The textures of another clip's frames, played in a loop. */
        record Loop(String codes) implements TextureFrom {
        }

        /**
         * Parses {@code --texture-from}: {@code null} or {@code clip} (the clip's own frames), {@code frozen}, a code
         * id, or {@code loop:ROOT2/codes}.
         */
        static TextureFrom parse(String value) {
            if (value == null || value.equals("clip")) {
                return new Clip();
            }
            if (value.equals("frozen")) {
                return new Frozen();
            }
            if (value.startsWith("loop:") && value.length() > "loop:".length()) {
                return new Loop(value.substring("loop:".length()));
            }
            if (value.matches("[0-9a-fA-F]{8,}")) {
                return new Code(value);
            }
            throw new IllegalArgumentException("--texture-from takes clip, frozen, a code id (at least 8 hex digits)"
                    + " or loop:ROOT2/codes, got '" + value + "'");
        }

        /** As recorded in {@code _run.json} and the frames' params. */
        default String label() {
            if (this instanceof Code c) {
                return c.id();
            }
            if (this instanceof Loop l) {
                return "loop:" + l.codes();
            }
            return this instanceof Frozen ? "frozen" : "clip";
        }
    }

    public UnsyncOptions {
        boolean hasCodes = codes != null && !codes.isBlank();
        boolean hasVideo = video != null && !video.isBlank();
        if (hasCodes == hasVideo) {
            throw new IllegalArgumentException("give either --codes ROOT/codes (the codes of a clip's frames) or"
                    + " --video PATH (a local folder of frames or an MP4 file), got "
                    + (hasCodes ? "both" : "neither"));
        }
        if (Math.abs(offset) > MAX_FRAMES) {
            throw new IllegalArgumentException("--offset must be in -" + MAX_FRAMES + ".." + MAX_FRAMES + ", got "
                    + offset);
        }
        if (window < 1 || window > MAX_FRAMES) {
            throw new IllegalArgumentException("--window must be in 1.." + MAX_FRAMES + ", got " + window);
        }
        if (textureFrom == null) {
            textureFrom = new TextureFrom.Clip();
        }
        if ((textureFrom instanceof TextureFrom.Frozen || textureFrom instanceof TextureFrom.Code)
                && (offset != 0 || window != 1)) {
            throw new IllegalArgumentException("--texture-from " + textureFrom.label() + " gives every frame one"
                    + " texture: --offset (got " + offset + ") and --window (got " + window + ") apply to clip and"
                    + " loop:ROOT2/codes only");
        }
    }

    /** The options as recorded in {@code _run.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codes", codes);
        m.put("video", video);
        m.put("offset", offset);
        m.put("window", window);
        m.put("texture_from", textureFrom.label());
        return m;
    }
}
