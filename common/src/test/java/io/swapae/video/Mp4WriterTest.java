package io.swapae.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.swapae.image.ImageSize;
import io.swapae.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4WriterTest {

    /**
     * Mean error per sample that jcodec's H.264 at its default rate control stays below on {@link MovingPattern}
     * (about 7.8 measured; 5.7 of it is the 4:2:0 chroma subsampling of this deliberately colourful pattern alone).
     */
    private static final double MAX_MEAN_ABS_ERROR = 10;

    @TempDir
    Path dir;

    @Test
    void writtenVideoDecodesBackToTheFramesWritten() throws Exception {
        Path file = dir.resolve("clip.mp4");
        try (Mp4Writer writer = new Mp4Writer(file, 12)) {
            for (int i = 0; i < 16; i++) {
                writer.append(MovingPattern.frame(i, 64, 48));
            }
            assertThat(writer.frameCount()).isEqualTo(16);
        }

        List<RgbImage> decoded = readAll(file);

        assertThat(decoded).hasSize(16);
        for (int i = 0; i < 16; i++) {
            RgbImage frame = decoded.get(i);
            assertThat(frame.size()).isEqualTo(new ImageSize(64, 48));
            assertThat(MovingPattern.meanAbsError(frame, MovingPattern.frame(i, 64, 48)))
                    .as("frame %d against what was written", i).isLessThan(MAX_MEAN_ABS_ERROR);
            if (i > 0) {
                assertThat(MovingPattern.meanAbsError(frame, MovingPattern.frame(0, 64, 48)))
                        .as("frame %d against frame 0", i).isGreaterThan(2 * MAX_MEAN_ABS_ERROR);
            }
        }
    }

    @Test
    void indexGivesFrameCountAndRate() throws Exception {
        Path file = dir.resolve("rate.mp4");
        try (Mp4Writer writer = new Mp4Writer(file, 25)) {
            for (int i = 0; i < 10; i++) {
                writer.append(MovingPattern.frame(i, 32, 32));
            }
        }

        try (Mp4Reader reader = Mp4Reader.open(file)) {
            assertThat(reader.frameCount()).isEqualTo(10);
            assertThat(reader.framesPerSecond()).isCloseTo(25, offset(1e-6));
        }
    }

    @Test
    void blacksAndWhitesKeepTheirLevels() throws Exception {
        int[] levels = {0, 16, 128, 235, 255};
        Path file = dir.resolve("levels.mp4");
        try (Mp4Writer writer = new Mp4Writer(file, 5)) {
            for (int level : levels) {
                writer.append(flat(32, 32, level));
            }
        }

        List<RgbImage> decoded = readAll(file);

        for (int i = 0; i < levels.length; i++) {
            assertThat(decoded.get(i).get(16, 16, 0)).as("grey level %d", levels[i]).isCloseTo(levels[i],
                    offset(4));
        }
    }

    @Test
    void oddSidesArePaddedByRepeatingTheLastColumnAndRow() throws Exception {
        Path file = dir.resolve("odd.mp4");
        RgbImage frame = MovingPattern.frame(0, 63, 47);
        try (Mp4Writer writer = new Mp4Writer(file, 10)) {
            writer.append(frame);
        }

        RgbImage decoded = readAll(file).get(0);

        assertThat(Mp4Writer.videoSize(frame.size())).isEqualTo(new ImageSize(64, 48));
        assertThat(decoded.size()).isEqualTo(new ImageSize(64, 48));
        assertThat(MovingPattern.meanAbsError(decoded, frame)).isLessThan(MAX_MEAN_ABS_ERROR);
        for (int y = 0; y < 47; y += 5) {
            assertThat(decoded.get(63, y, 0)).isCloseTo(frame.get(62, y, 0), offset(24));
        }
    }

    @Test
    void frameOfAnotherSizeIsRefused() throws Exception {
        try (Mp4Writer writer = new Mp4Writer(dir.resolve("sizes.mp4"), 10)) {
            writer.append(MovingPattern.frame(0, 32, 32));

            assertThatThrownBy(() -> writer.append(MovingPattern.frame(1, 32, 30)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32x32").hasMessageContaining("frame 1").hasMessageContaining("32x30");
        }
    }

    @Test
    void framesSmallerThanAMacroblockAreRefused() throws Exception {
        try (Mp4Writer writer = new Mp4Writer(dir.resolve("tiny.mp4"), 10)) {
            assertThatThrownBy(() -> writer.append(MovingPattern.frame(0, 16, 8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 16x16").hasMessageContaining("16x8");
            writer.append(MovingPattern.frame(0, 16, 16));
        }
    }

    @Test
    void frameRateOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> new Mp4Writer(dir.resolve("zero.mp4"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..240").hasMessageContaining("0");
        assertThatThrownBy(() -> new Mp4Writer(dir.resolve("fast.mp4"), 241))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("241");
    }

    private static RgbImage flat(int width, int height, int level) {
        RgbImage image = RgbImage.black(width, height);
        Arrays.fill(image.pixels(), (byte) level);
        return image;
    }

    static List<RgbImage> readAll(Path file) throws Exception {
        List<RgbImage> frames = new ArrayList<>();
        try (Mp4Reader reader = Mp4Reader.open(file)) {
            for (Optional<RgbImage> frame = reader.next(); frame.isPresent(); frame = reader.next()) {
                frames.add(frame.get());
            }
        }
        return frames;
    }
}
