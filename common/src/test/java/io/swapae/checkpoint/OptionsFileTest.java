package io.swapae.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;

class OptionsFileTest {

    @TempDir
    Path dir;

    /** Printed by the official TestOptions.print_options for set A's command line. */
    private static final String PRINTED = Fixtures.read(Fixtures.resource("opt/print_options-set-a.txt"));

    /** Written by the official TrainOptions.save_options for the ffhq1024 launcher's second model. */
    private static final String SAVED = Fixtures.read(
            Fixtures.resource("opt/ffhq1024_patchDv7_L1_smallerstructurecode-opt.txt"));

    @Test
    void readsPrintedOptionsWithTheirDefaultsComments() {
        Map<String, String> options = OptionsFile.parseText("parsing args...\n" + PRINTED + "checkpoint loaded\n");

        assertThat(options).containsEntry("global_code_ch", "256")
                .containsEntry("netE_scale_capacity", "0.0625")
                .containsEntry("isTrain", "False")
                .containsEntry("easy_label", "")
                .containsEntry("preprocess", "scale_shortside")
                .doesNotContainKey("parsing args...");
        assertThat(Architecture.fromOptions(options)).isEqualTo(Fixtures.setAArchitecture());
    }

    @Test
    void readsSavedOptionsWithLongKeysAndValues() {
        Map<String, String> options = OptionsFile.parseText(SAVED);

        assertThat(options).containsEntry("netG_num_base_resnet_layers", "2")
                .containsEntry("dataroot", "~/datasets/ffhq/images1024x1024/")
                .containsEntry("name", "ffhq1024_patchDv7_L1_smallerstructurecode");
        assertThat(Architecture.fromOptions(options))
                .isEqualTo(ModelPresets.find("ffhq1024_patchDv7_L1_smallerstructurecode").orElseThrow().architecture());
        assertThat(OptionsFile.preprocess(options)).contains(Preprocess.of("resize_and_crop", 1024, 768));
    }

    @Test
    void readsTheArchitectureObjectOfOptJson() throws Exception {
        Map<String, String> options = OptionsFile.parseJson(Fixtures.read(Fixtures.resource("fixtures/sae-parity-a/opt.json")));

        assertThat(Architecture.fromOptions(options)).isEqualTo(Fixtures.setAArchitecture());
        assertThat(OptionsFile.preprocess(options)).contains(Preprocess.of("scale_shortside", 128, 128));
    }

    @Test
    void optTxtNextToTheCheckpointWinsOverOptJson() throws Exception {
        Files.writeString(dir.resolve("opt.json"), "{\"architecture\": {\"global_code_ch\": 1}}");
        Files.writeString(dir.resolve("opt.txt"), SAVED);

        OptionsFile.Found found = OptionsFile.besides(dir.resolve("latest_checkpoint.pth")).orElseThrow();

        assertThat(found.path()).isEqualTo(dir.resolve("opt.txt"));
        assertThat(found.options()).containsEntry("global_code_ch", "1024");
    }

    @Test
    void noOptionFileIsNoOptions() throws Exception {
        assertThat(OptionsFile.besides(dir.resolve("latest_checkpoint.pth"))).isEmpty();
    }
}
