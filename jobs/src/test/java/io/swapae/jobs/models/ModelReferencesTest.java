package io.swapae.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReferencesTest {

    @TempDir
    Path dir;
    Path cache;
    ModelReferences references;

    @BeforeEach
    void cacheWithMountain() throws IOException {
        cache = dir.resolve("models");
        Files.createDirectories(cache.resolve("mountain_pretrained"));
        Files.writeString(cache.resolve("mountain_pretrained/latest_checkpoint.pth"), "weights");
        references = ModelReferences.official(cache);
    }

    @Test
    void releasedModelNameResolvesToItsCheckpointInTheCache() {
        String cached = cache.resolve("mountain_pretrained/latest_checkpoint.pth").toString();
        assertThat(references.resolve("mountain").toString()).isEqualTo(cached);
        assertThat(references.resolve("mountain_pretrained").toString()).isEqualTo(cached);
    }

    @Test
    void modelMissingFromTheCacheIsRefusedWithTheCommandThatGetsIt() {
        assertThatThrownBy(() -> references.resolve("church")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model church is not in the model cache " + cache + ": get it with"
                        + " `swapae models get church --dir " + cache + "`");
    }

    @Test
    void localPathResolvesToItself() throws IOException {
        Path file = Files.writeString(dir.resolve("model.safetensors"), "weights");
        assertThat(references.resolve(file.toString()).toString()).isEqualTo(file.toString());
    }

    @Test
    void uriIsLeftToHadoop() {
        assertThat(references.resolve("s3a://bucket/checkpoints/mountain_pretrained/latest_checkpoint.pth")
                .toString()).isEqualTo("s3a://bucket/checkpoints/mountain_pretrained/latest_checkpoint.pth");
        assertThat(references.resolve("file:///data/m.pth").toString()).isEqualTo("file:///data/m.pth");
    }

    @Test
    void missingFileThatIsNoModelNameIsRefusedListingTheModels() {
        assertThatThrownBy(() -> references.resolve(dir.resolve("absent.pth").toString()))
                .hasMessage("model '" + dir.resolve("absent.pth") + "': no such file, and not a released model"
                        + " (church, bedroom, mountain, ffhq512, ffhq1024, afhq)");
    }

    @Test
    void folderIsRefused() {
        assertThatThrownBy(() -> references.resolve(cache.toString()))
                .hasMessage("model '" + cache + "' is a folder; give the checkpoint file in it");
    }
}
