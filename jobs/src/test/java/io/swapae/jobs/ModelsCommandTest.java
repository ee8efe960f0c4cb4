package io.swapae.jobs;

import io.swapae.jobs.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swapae models list|get} without a network: what the cache holds, refused names and options. */
class ModelsCommandTest {

    /** Nothing listens there: a command that tried to download would fail. */
    private static final String NOWHERE = "http://127.0.0.1:9/";

    @TempDir
    Path cache;
    Path mountain;

    @BeforeEach
    void cacheWithMountain() throws IOException {
        mountain = Files.createDirectories(cache.resolve("mountain_pretrained")).resolve("latest_checkpoint.pth");
        Files.writeString(mountain, "weights");
    }

    @Test
    void listShowsEveryReleasedModelAndWhereTheCachedOnesAre() {
        CliRun r = CliRun.of("models", "list", "--dir", cache.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("NAME").contains("PREPROCESS", "STRUCTURE CODE", "TEXTURE", "CACHED");
        assertThat(lines.subList(1, 7)).extracting(l -> l.split("\\s+")[0])
                .containsExactly("church", "bedroom", "mountain", "ffhq512", "ffhq1024", "afhq");
        assertThat(lines.get(3)).contains("scale_shortside_and_crop/512/512", "8 ch at 1/16", "2048",
                "swapping_autoencoder_models_and_test_images.zip", mountain.toString());
        assertThat(lines.get(5)).contains("resize_and_crop/1024/768", "8 ch at 1/32", "1536").endsWith(" no");
        assertThat(lines.get(6)).contains("afhq_models_and_test_images.zip").endsWith(" no");
        assertThat(r.out()).contains("model cache: " + cache);
    }

    @Test
    void getOfACachedModelSaysSoAndDownloadsNothing() throws IOException {
        CliRun r = CliRun.of("models", "get", "mountain", "--dir", cache.toString(),
                "--base-url", NOWHERE);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("mountain is already in the model cache: " + mountain);
        assertThat(Files.readString(mountain)).isEqualTo("weights");
        assertThat(cache.resolve("downloads")).doesNotExist();
    }

    @Test
    void getOfAnUnknownModelFailsListingTheReleasedOnes() {
        CliRun r = CliRun.of("models", "get", "mountain", "mountians", "--dir", cache.toString(),
                "--base-url", NOWHERE);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("swapae models get: unknown model 'mountians': the released models are"
                + " church, bedroom, mountain, ffhq512, ffhq1024, afhq");
    }

    @Test
    void getWithABaseUrlThatIsNotHttpIsRefused() {
        CliRun r = CliRun.of("models", "get", "church", "--dir", cache.toString(),
                "--base-url", "ftp://mirror/models/");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("must be http:// or https://, got 'ftp://mirror/models/'");
    }
}
