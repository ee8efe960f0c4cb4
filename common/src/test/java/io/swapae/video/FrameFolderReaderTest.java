package io.swapae.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.image.ImageEncoder;
import io.swapae.image.RgbImage;
import io.swapae.video.VideoReadException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameFolderReaderTest {

    @TempDir
    Path dir;

    @Test
    void framesPlayInNaturalOrderOfTheirNames() throws Exception {
        for (int n : new int[] {10, 2, 1, 9}) {
            Files.write(dir.resolve("frame" + n + ".png"), ImageEncoder.png(grey(n)));
        }

        List<Integer> levels = new ArrayList<>();
        try (FrameFolderReader reader = FrameFolderReader.open(dir)) {
            for (Optional<RgbImage> frame = reader.next(); frame.isPresent(); frame = reader.next()) {
                levels.add(frame.get().get(0, 0, 0));
            }
        }

        assertThat(levels).containsExactly(1, 2, 9, 10);
    }

    @Test
    void hiddenAndNonImageFilesAreNotFrames() throws Exception {
        Files.write(dir.resolve("frame1.JPG"), ImageEncoder.jpeg(grey(1), 90));
        Files.write(dir.resolve(".frame0.png"), ImageEncoder.png(grey(0)));
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve("notes.txt"), "shot on a phone");
        Files.createDirectory(dir.resolve("frame2.png"));

        try (FrameFolderReader reader = FrameFolderReader.open(dir)) {
            assertThat(reader.frameFiles()).extracting(p -> p.getFileName().toString()).containsExactly("frame1.JPG");
        }
    }

    @Test
    void aFolderWithoutFramesIsNamedInTheError() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "no frames yet");

        assertThatThrownBy(() -> FrameFolderReader.open(dir)).isInstanceOfSatisfying(VideoReadException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NO_FRAMES);
            assertThat(e.path()).isEqualTo(dir);
            assertThat(e.getMessage()).contains(dir.toString()).contains("png, jpg");
        });
    }

    @Test
    void aBrokenFrameIsNamedInTheError() throws Exception {
        Files.write(dir.resolve("frame1.png"), ImageEncoder.png(grey(1)));
        Path broken = Files.write(dir.resolve("frame2.png"), Arrays.copyOf(ImageEncoder.png(grey(2)), 20));

        try (FrameFolderReader reader = FrameFolderReader.open(dir)) {
            assertThat(reader.next()).isPresent();
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(VideoReadException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.BAD_FRAME);
                assertThat(e.path()).isEqualTo(broken);
                assertThat(e.getMessage()).contains("frame2.png").contains("frame 1");
            });
        }
    }

    @Test
    void framesWrittenToAFolderReadBackExactlyInOrder() throws Exception {
        Path folder = dir.resolve("out");
        List<RgbImage> written = new ArrayList<>();
        try (VideoWriter writer = VideoFormat.FRAMES.writer(folder, 10)) {
            for (int i = 0; i < 12; i++) {
                RgbImage frame = MovingPattern.frame(i, 16, 12);
                writer.append(frame);
                written.add(frame);
            }
        }

        List<RgbImage> read = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.open(folder)) {
            assertThat(frames.frameCount()).isEqualTo(12);
            for (Optional<RgbImage> frame = frames.next(); frame.isPresent(); frame = frames.next()) {
                read.add(frame.get());
            }
        }

        assertThat(read).isEqualTo(written);
        assertThat(folder.resolve(FrameFolderWriter.fileName(11))).hasFileName("frame000011.png").exists();
    }

    private static RgbImage grey(int level) {
        RgbImage image = RgbImage.black(4, 4);
        Arrays.fill(image.pixels(), (byte) level);
        return image;
    }
}
