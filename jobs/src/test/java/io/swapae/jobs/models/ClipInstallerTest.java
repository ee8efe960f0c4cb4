package io.swapae.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.jobs.guide.ClipFiles;
import io.swapae.jobs.guide.ClipSource;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swapae models get clip-vit-b-32} against a local server laid out as Hugging Face is, serving the tiny CLIP
 * of the test resources under the ViT-B/32 repository's paths.
 */
class ClipInstallerTest {

    private static final String PREFIX = "timm/vit_base_patch32_clip_224.openai/resolve/main/";

    @TempDir
    Path cache;
    private ArchiveServer server;
    private ModelStore store;
    private byte[] config;
    private byte[] weights;

    @BeforeEach
    void start() throws Exception {
        server = new ArchiveServer();
        store = ModelStore.at(cache);
        config = resource(ClipFiles.CONFIG);
        weights = resource(ClipFiles.WEIGHTS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = ClipInstallerTest.class.getResourceAsStream("/clip/" + name)) {
            return in.readAllBytes();
        }
    }

    private ClipInstaller installer() {
        DownloadProgress progress = new DownloadProgress(new PrintWriter(new StringWriter()), false, System::nanoTime);
        return new ClipInstaller(store, server.baseUrl(), new ResumableDownload(ResumableDownload.httpClient(),
                progress, 3, Duration.ZERO, Duration.ofSeconds(30)));
    }

    @Test
    void getDownloadsVerifiesAndCachesBothFilesAndASecondGetDoesNothing() throws Exception {
        server.serve(PREFIX + ClipFiles.CONFIG, config).serve(PREFIX + ClipFiles.WEIGHTS, weights);
        ClipInstaller.Installed installed = installer().install(ClipRelease.VIT_B_32);
        assertThat(installed.alreadyThere()).isFalse();
        assertThat(installed.folder()).isEqualTo(cache.resolve("clip-vit-b-32"));
        assertThat(Files.readAllBytes(installed.folder().resolve(ClipFiles.WEIGHTS))).isEqualTo(weights);
        assertThat(store.contains(ClipRelease.VIT_B_32)).isTrue();
        assertThat(Files.exists(installer().downloads(ClipRelease.VIT_B_32))).as("downloads moved away").isFalse();
        ClipSource source = ClipFiles.resolve("clip-vit-b-32", store);
        assertThat(source.architecture().embedDim()).isEqualTo(24);
        assertThat(source.fingerprint()).startsWith("sha256:");

        int requests = server.ranges().size();
        assertThat(installer().install(ClipRelease.VIT_B_32).alreadyThere()).isTrue();
        assertThat(server.ranges()).hasSize(requests);
    }

    @Test
    void anInterruptedDownloadResumes() throws Exception {
        server.serve(PREFIX + ClipFiles.CONFIG, config).serve(PREFIX + ClipFiles.WEIGHTS, weights);
        server.dropFirstResponseAfter(200);
        installer().install(ClipRelease.VIT_B_32);
        assertThat(server.ranges()).as("the config cut after 200 bytes, resumed, then the weights")
                .hasSize(3).first().isEqualTo("");
        assertThat(server.ranges().get(1)).startsWith("bytes=").isNotEqualTo("bytes=0-");
        assertThat(Files.readAllBytes(store.clipFolder(ClipRelease.VIT_B_32).resolve(ClipFiles.CONFIG)))
                .isEqualTo(config);
    }

    @Test
    void corruptWeightsAreRefusedAndDeleted() throws Exception {
        byte[] truncated = Arrays.copyOf(weights, weights.length / 2);
        server.serve(PREFIX + ClipFiles.CONFIG, config).serve(PREFIX + ClipFiles.WEIGHTS, truncated);
        assertThatThrownBy(() -> installer().install(ClipRelease.VIT_B_32))
                .hasMessageContaining("clip-vit-b-32 does not load")
                .hasMessageContaining("swapae models get clip-vit-b-32");
        assertThat(store.contains(ClipRelease.VIT_B_32)).isFalse();
        assertThat(installer().downloads(ClipRelease.VIT_B_32).resolve(ClipFiles.WEIGHTS)).doesNotExist();
    }

    @Test
    void theBaseUrlComesFromTheOptionTheEnvironmentOrHuggingFace() {
        assertThat(ClipInstaller.baseUrl(null, Map.of())).isEqualTo(ClipInstaller.HUGGING_FACE);
        assertThat(ClipInstaller.baseUrl(null, Map.of(ClipInstaller.BASE_URL_ENV, "http://mirror/hf/")).toString())
                .isEqualTo("http://mirror/hf/");
        assertThat(ClipRelease.VIT_B_32.url(ClipInstaller.HUGGING_FACE, ClipFiles.WEIGHTS).toString())
                .isEqualTo("https://huggingface.co/timm/vit_base_patch32_clip_224.openai/resolve/main/"
                        + "open_clip_model.safetensors");
        assertThatThrownBy(() -> ClipInstaller.baseUrl("ftp://x/", Map.of()))
                .hasMessage("the CLIP base URL must be http:// or https://, got 'ftp://x/'");
    }
}
