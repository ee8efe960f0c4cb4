package io.swapae.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoOptionsTest {

    @Test
    void validOptionsAreKept(@TempDir Path dir) {
        DemoOptions options = new DemoOptions(dir, 3, 128, 5, "model.safetensors");

        assertThat(options.images()).isEqualTo(3);
        assertThat(options.size()).isEqualTo(128);
    }

    @Test
    void imageCountOutsideTheRangeIsRefusedWithTheRange(@TempDir Path dir) {
        assertThatThrownBy(() -> new DemoOptions(dir, 0, null, 0, null))
                .hasMessage("--images must be in 1..16, got 0");
        assertThatThrownBy(() -> new DemoOptions(dir, 17, null, 0, null))
                .hasMessage("--images must be in 1..16, got 17");
    }

    @Test
    void sizeOutsideTheRangeIsRefusedWithTheRange(@TempDir Path dir) {
        assertThatThrownBy(() -> new DemoOptions(dir, 3, 8, 0, null))
                .hasMessage("--size must be in 16..2048 pixels, got 8");
    }

    @Test
    void anOutputThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");

        assertThatThrownBy(() -> new DemoOptions(file, 3, null, 0, null))
                .hasMessageContaining("--output " + file).hasMessageContaining("not a folder");
    }

    @Test
    void aBlankModelIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> new DemoOptions(dir, 3, null, 0, " ")).hasMessageStartingWith("--model");
    }
}
