package io.swapae.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFormatTest {

    @TempDir
    Path dir;

    @Test
    void namesParseInAnyCase() {
        assertThat(VideoFormat.parse("mp4")).isEqualTo(VideoFormat.MP4);
        assertThat(VideoFormat.parse(" GIF ")).isEqualTo(VideoFormat.GIF);
        assertThat(VideoFormat.parse("Frames")).isEqualTo(VideoFormat.FRAMES);
    }

    @Test
    void anUnknownNameListsTheAcceptedOnes() {
        assertThatThrownBy(() -> VideoFormat.parse("avi")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown video format 'avi': accepted are mp4, gif, frames");
    }

    @Test
    void eachFormatHasItsWriter() throws Exception {
        try (VideoWriter mp4 = VideoFormat.MP4.writer(dir.resolve("a.mp4"), 10);
                VideoWriter gif = VideoFormat.GIF.writer(dir.resolve("a.gif"), 10);
                VideoWriter frames = VideoFormat.FRAMES.writer(dir.resolve("a"), 10)) {
            mp4.append(MovingPattern.frame(0, 16, 16));
            gif.append(MovingPattern.frame(0, 16, 16));
            frames.append(MovingPattern.frame(0, 16, 16));

            assertThat(mp4).isInstanceOf(Mp4Writer.class);
            assertThat(gif).isInstanceOf(GifWriter.class);
            assertThat(frames).isInstanceOf(FrameFolderWriter.class);
        }
        assertThat(VideoFormat.FRAMES.extension()).isEmpty();
        assertThat(VideoFormat.MP4.extension()).isEqualTo("mp4");
    }

    @Test
    void framesRefuseANonPositiveRate() {
        assertThatThrownBy(() -> VideoFormat.FRAMES.writer(dir.resolve("b"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
