package io.swapae.jobs.sequences;

import io.swapae.image.ImageEncoder;
import io.swapae.image.RgbImage;
import io.swapae.jobs.generate.ImageFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.SerializableConfiguration;

/**
 * In a task: cuts frames out of a train ride's strip, which lies in tiles (PNG files side by side, in order), and
 * writes them as the sequence's frames. Frame {@code f} is the strip's pixel columns from {@code f · speed}, a frame
 * wide; every frame is cut from the same pixels, so the columns two frames share are the same. A task is given a run
 * of consecutive frames and keeps the few tiles they need decoded.
 */
final class FrameCutter implements FlatMapFunction<Iterator<Integer>, RenderedFrame> {

    private static final long serialVersionUID = 1L;

    private final String output;
    private final String sequence;
    private final List<String> tiles;
    private final int[] tileStarts;
    private final int frameWidth;
    private final int speed;
    private final SerializableConfiguration conf;

    /**
     * @param tiles      the tiles' URIs, left to right
     * @param tileStarts the strip column where each tile starts, and the strip's width last
     */
    FrameCutter(String output, String sequence, List<String> tiles, int[] tileStarts, int frameWidth, int speed,
                SerializableConfiguration conf) {
        if (tileStarts.length != tiles.size() + 1) {
            throw new IllegalArgumentException(tiles.size() + " tiles need " + (tiles.size() + 1)
                    + " column bounds, got " + tileStarts.length);
        }
        this.output = output;
        this.sequence = sequence;
        this.tiles = List.copyOf(tiles);
        this.tileStarts = tileStarts.clone();
        this.frameWidth = frameWidth;
        this.speed = speed;
        this.conf = conf;
    }

    @Override
    public Iterator<RenderedFrame> call(Iterator<Integer> frames) throws IOException {
        Map<Integer, RgbImage> decoded = new LinkedHashMap<>();
        List<RenderedFrame> written = new ArrayList<>();
        while (frames.hasNext()) {
            int f = frames.next();
            int x = f * speed;
            if (x + frameWidth > tileStarts[tiles.size()]) {
                throw new IllegalArgumentException("frame " + f + " ends at column " + (x + frameWidth)
                        + ", past the strip's " + tileStarts[tiles.size()]);
            }
            RgbImage frame = null;
            for (int t = 0; t < tiles.size(); t++) {
                int from = Math.max(x, tileStarts[t]);
                int to = Math.min(x + frameWidth, tileStarts[t + 1]);
                if (from >= to) {
                    decoded.remove(t);
                    continue;
                }
                RgbImage tile = decoded.get(t);
                if (tile == null) {
                    tile = ImageFiles.decode(ImageFiles.read(tiles.get(t), conf.value()), tiles.get(t));
                    decoded.put(t, tile);
                }
                if (frame == null) {
                    frame = RgbImage.black(frameWidth, tile.height());
                }
                paste(tile, from - tileStarts[t], frame, from - x, to - from);
            }
            ImageFiles.write(SequenceLayout.frame(output, sequence, f), ImageEncoder.png(frame), conf.value());
            written.add(RenderedFrame.written(sequence, f, SequenceIds.json(Map.of("frame", f, "x", x)),
                    frame.width(), frame.height()));
        }
        return written.iterator();
    }

    /** Copies {@code width} columns of {@code from} starting at {@code fromX} into {@code to} at {@code toX}. */
    private static void paste(RgbImage from, int fromX, RgbImage to, int toX, int width) {
        for (int y = 0; y < to.height(); y++) {
            System.arraycopy(from.pixels(), 3 * (y * from.width() + fromX), to.pixels(), 3 * (y * to.width() + toX),
                    3 * width);
        }
    }
}
