package io.swapae.jobs.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapae.guidance.GuidanceTarget;
import io.swapae.jobs.generate.ImageOutput;
import io.swapae.jobs.models.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuideOptionsTest {

    private static GuideOptions of(List<String> prompts, String image, List<String> ids, int sample, int batch) {
        return new GuideOptions("file:/codes", "file:/out", prompts, image, null,
                GuideOptions.defaults(GuidanceTarget.TEXTURE, 0), "clip-vit-b-32", ids, sample, null, 0, batch, "auto",
                ImageOutput.PNG_FILES);
    }

    @Test
    void badOptionsAreRefusedNamingOptionAndValue() {
        assertThatThrownBy(() -> of(List.of(), null, List.of(), 0, 4)).hasMessageContaining("give --prompts");
        assertThatThrownBy(() -> of(List.of("  "), null, List.of(), 0, 4)).hasMessageContaining("give --prompts");
        assertThatThrownBy(() -> of(List.of("a"), "x.png", List.of(), 0, 4))
                .hasMessage("give either --prompts (got 1) or --image-prompt (got x.png), not both");
        assertThatThrownBy(() -> of(List.of("a"), null, List.of("xyz"), 0, 4))
                .hasMessageContaining("--ids").hasMessageContaining("'xyz'");
        assertThatThrownBy(() -> of(List.of("a"), null, List.of("0123abcd"), 3, 4))
                .hasMessage("give either --sample (got 3) or --ids, not both");
        assertThatThrownBy(() -> of(List.of("a"), null, List.of(), 0, 0))
                .hasMessage("--batch-size must be in 1..256, got 0");
        assertThatThrownBy(() -> of(List.of("a"), null, List.of(), -1, 4)).hasMessageContaining("got -1");
    }

    @Test
    void promptsComeFromAFileOrAreOneText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prompts.txt");
        Files.writeString(file, "a red house\n\n# a comment\n  snowy peaks \n");
        Configuration hadoop = new Configuration();
        assertThat(GuideCommand.promptList(file.toString(), hadoop)).containsExactly("a red house", "snowy peaks");
        assertThat(GuideCommand.promptList("a snowy mountain", hadoop)).containsExactly("a snowy mountain");
        assertThat(GuideCommand.promptList(null, hadoop)).isEmpty();
        Files.writeString(file, "# nothing\n");
        assertThatThrownBy(() -> GuideCommand.promptList(file.toString(), hadoop))
                .hasMessageContaining("holds no prompt");
    }

    @Test
    void clipNamesFoldersAndFilesResolveOrAreRefused(@TempDir Path dir) throws Exception {
        ModelStore store = ModelStore.at(dir.resolve("models"));
        assertThatThrownBy(() -> ClipFiles.resolve("clip-vit-b-32", store))
                .hasMessageContaining("run `swapae models get clip-vit-b-32` first");
        assertThatThrownBy(() -> ClipFiles.resolve(dir.resolve("nowhere").toString(), store))
                .hasMessageContaining("is neither a CLIP model's name (clip-vit-b-32)");
        assertThatThrownBy(() -> ClipFiles.resolve(dir.toString(), store))
                .hasMessageContaining("has no open_clip_model.safetensors");
        Path folder = GuideJobTest.clipFolder(dir.resolve("clip"));
        assertThat(ClipFiles.resolve(folder.toString(), store).config()).endsWith(ClipFiles.CONFIG);
        ClipSource bare = ClipFiles.resolve(folder.resolve(ClipFiles.WEIGHTS).toString(), store);
        assertThat(bare.preset()).isEqualTo("ViT-B-32");
        assertThat(bare.fingerprint()).isEqualTo(ClipFiles.resolve(folder.toString(), store).fingerprint());
    }
}
