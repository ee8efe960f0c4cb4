package io.swapae.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.image.RgbImage;
import io.swapae.video.VideoReadException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4ReaderTest {

    @TempDir
    Path dir;

    @Test
    void framesComeOneAtATimeThenEmpty() throws Exception {
        Path file = video(3);

        try (Mp4Reader reader = Mp4Reader.open(file)) {
            for (int i = 0; i < 3; i++) {
                assertThat(reader.next()).as("frame %d", i).isPresent();
            }
            assertThat(reader.next()).isEmpty();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void aFileThatIsNotAVideoIsNamedInTheError() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.mp4"), "these are notes, not a video");

        assertThatThrownBy(() -> Mp4Reader.open(file)).isInstanceOfSatisfying(VideoReadException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_A_VIDEO);
            assertThat(e.path()).isEqualTo(file);
            assertThat(e.getMessage()).contains("notes.mp4").contains("H.264 in MP4");
        });
    }

    @Test
    void anEmptyFileIsEmpty() throws Exception {
        Path file = Files.write(dir.resolve("empty.mp4"), new byte[0]);

        assertThatThrownBy(() -> Mp4Reader.open(file)).isInstanceOfSatisfying(VideoReadException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
    }

    @Test
    void aMissingFileIsNotFound() {
        Path file = dir.resolve("missing.mp4");

        assertThatThrownBy(() -> Mp4Reader.open(file)).isInstanceOfSatisfying(VideoReadException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).contains("missing.mp4");
        });
    }

    @Test
    void aTruncatedVideoIsCorruptAndNamed() throws Exception {
        byte[] whole = Files.readAllBytes(video(8));
        for (int length : new int[] {40, whole.length / 2, whole.length - 16}) {
            Path cut = Files.write(dir.resolve("cut-" + length + ".mp4"), Arrays.copyOf(whole, length));

            assertThatThrownBy(() -> Mp4Reader.open(cut)).as("cut to %d of %d bytes", length, whole.length)
                    .isInstanceOfSatisfying(VideoReadException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
                        assertThat(e.getMessage()).contains(cut.getFileName().toString());
                    });
        }
    }

    @Test
    void damagedFrameDataIsCorruptAndNamed() throws Exception {
        Path file = video(8);
        byte[] bytes = Files.readAllBytes(file);
        int frameData = indexOf(bytes, "mdat") + 4;
        int index = indexOf(bytes, "moov") - 4;
        for (int i = frameData + 16; i < index; i += 7) {
            bytes[i] ^= 0x5A;
        }
        Path damaged = Files.write(dir.resolve("damaged.mp4"), bytes);

        assertThatThrownBy(() -> {
            try (Mp4Reader reader = Mp4Reader.open(damaged)) {
                for (Optional<RgbImage> frame = reader.next(); frame.isPresent(); frame = reader.next()) {
                    assertThat(frame.get().width()).isEqualTo(64);
                }
            }
        }).isInstanceOfSatisfying(VideoReadException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains("damaged.mp4").contains("does not decode");
        });
    }

    @Test
    void aFolderOpensAsFramesAndAFileAsMp4() throws Exception {
        Path file = video(2);
        Path folder = Files.createDirectory(dir.resolve("frames"));
        Files.write(folder.resolve("a.png"), io.swapae.image.ImageEncoder.png(RgbImage.black(4, 4)));

        try (VideoFrames fromFile = VideoFrames.open(file); VideoFrames fromFolder = VideoFrames.open(folder)) {
            assertThat(fromFile).isInstanceOf(Mp4Reader.class);
            assertThat(fromFile.frameCount()).isEqualTo(2);
            assertThat(fromFolder).isInstanceOf(FrameFolderReader.class);
            assertThat(fromFolder.frameCount()).isEqualTo(1);
        }
    }

    private Path video(int frames) throws Exception {
        Path file = dir.resolve("video-" + frames + ".mp4");
        try (Mp4Writer writer = new Mp4Writer(file, 10)) {
            for (int i = 0; i < frames; i++) {
                writer.append(MovingPattern.frame(i, 64, 48));
            }
        }
        return file;
    }

    private static int indexOf(byte[] bytes, String boxType) {
        byte[] type = boxType.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + type.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + type.length, type, 0, type.length)) {
                return i;
            }
        }
        throw new AssertionError("no " + boxType + " box in the written MP4");
    }
}
