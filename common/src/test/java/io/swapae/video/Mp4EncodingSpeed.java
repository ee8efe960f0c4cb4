package io.swapae.video;

import io.swapae.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints how fast {@link Mp4Writer} encodes on this machine: {@code java ... io.swapae.video.Mp4EncodingSpeed
 * [side] [frames]} (default 256 pixels, 120 frames, after a warm-up of 30). The frames are made before the clock
 * starts (a cycle of 25), so only encoding and writing are timed. A measurement to read, not a test.
 */
public final class Mp4EncodingSpeed {

    private Mp4EncodingSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int side = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        List<RgbImage> cycle = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            cycle.add(MovingPattern.frame(i, side, side));
        }
        Path file = Files.createTempFile("swapae-speed", ".mp4");
        try {
            encode(file, cycle, 30);
            long start = System.nanoTime();
            encode(file, cycle, frames);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("MP4 %dx%d: %d frames in %.2f s = %.1f frames/s, %d bytes%n", side, side, frames,
                    seconds, frames / seconds, Files.size(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void encode(Path file, List<RgbImage> cycle, int frames) throws Exception {
        try (Mp4Writer writer = new Mp4Writer(file, 25)) {
            for (int i = 0; i < frames; i++) {
                writer.append(cycle.get(i % cycle.size()));
            }
        }
    }
}
