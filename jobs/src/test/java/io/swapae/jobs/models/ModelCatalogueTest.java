package io.swapae.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.swapae.checkpoint.ModelPresets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogueTest {

    @Test
    void officialCatalogueHasTheSixReleasedModelsWithTheirArchives() {
        assertThat(ModelCatalogue.official().releases()).extracting(ModelRelease::name, ModelRelease::archive)
                .containsExactly(
                        tuple("church", ModelCatalogue.MODELS_ARCHIVE),
                        tuple("bedroom", ModelCatalogue.MODELS_ARCHIVE),
                        tuple("mountain", ModelCatalogue.MODELS_ARCHIVE),
                        tuple("ffhq512", ModelCatalogue.MODELS_ARCHIVE),
                        tuple("ffhq1024", ModelCatalogue.MODELS_ARCHIVE),
                        tuple("afhq", ModelCatalogue.AFHQ_ARCHIVE));
        assertThat(ModelCatalogue.official().require("ffhq1024").preset())
                .isEqualTo(ModelPresets.find("ffhq1024_pretrained").orElseThrow());
    }

    @Test
    void modelIsFoundByNameOrFolderName() {
        assertThat(ModelCatalogue.official().require("mountain"))
                .isSameAs(ModelCatalogue.official().require("mountain_pretrained"));
        assertThat(ModelCatalogue.official().find("ffhq1024_patchDv7_L1_smallerstructurecode")).isEmpty();
    }

    @Test
    void unknownNameIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> ModelCatalogue.official().require("mountains"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model 'mountains': the released models are church, bedroom, mountain, ffhq512,"
                        + " ffhq1024, afhq");
    }

    @Test
    void cacheIsTheDirectoryGivenElseTheEnvironmentsElseTheUsersCache() {
        assertThat(ModelStore.defaultRoot(Map.of(ModelStore.ENV, "/data/models"), "/home/u"))
                .isEqualTo(Path.of("/data/models"));
        assertThat(ModelStore.defaultRoot(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/swapae/models"));
        assertThat(ModelStore.at(Path.of("/tmp/m")).checkpoint(ModelCatalogue.official().require("afhq")))
                .isEqualTo(Path.of("/tmp/m/afhq_pretrained/latest_checkpoint.pth"));
    }

    @Test
    void baseUrlIsTheOneGivenElseTheEnvironmentsElseTheOfficialOne() {
        assertThat(ModelInstaller.baseUrl("http://mirror/sae", Map.of()).toString()).isEqualTo("http://mirror/sae");
        assertThat(ModelInstaller.baseUrl(null, Map.of(ModelInstaller.BASE_URL_ENV, "https://m/x/")).toString())
                .isEqualTo("https://m/x/");
        assertThat(ModelInstaller.baseUrl(null, Map.of())).isEqualTo(ModelInstaller.OFFICIAL_BASE_URL);
        assertThat(new ModelInstaller(ModelStore.at(Path.of("/tmp/m")), ModelInstaller.OFFICIAL_BASE_URL, null)
                .archiveUrl(ModelCatalogue.AFHQ_ARCHIVE).toString())
                .isEqualTo("http://efrosgans.eecs.berkeley.edu/SwappingAutoencoder/afhq_models_and_test_images.zip");
        assertThatThrownBy(() -> ModelInstaller.baseUrl("ftp://mirror/", Map.of()))
                .hasMessage("the models base URL must be http:// or https://, got 'ftp://mirror/'");
    }
}
