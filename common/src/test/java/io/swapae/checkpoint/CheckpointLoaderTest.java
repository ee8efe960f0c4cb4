package io.swapae.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.swapae.image.Preprocess;
import io.swapae.model.Architecture;

class CheckpointLoaderTest {

    @TempDir
    Path dir;

    private Path setAIn(String folder) throws Exception {
        Path d = Files.createDirectories(dir.resolve(folder));
        return Files.copy(Fixtures.setACheckpoint(), d.resolve("latest_checkpoint.pth"));
    }

    @Test
    void takesTheArchitectureAndPreprocessingFromOptJson() throws Exception {
        Path file = setAIn("fixture");
        Files.copy(Fixtures.resource("fixtures/sae-parity-a/opt.json"), file.resolveSibling("opt.json"));

        ModelWeights w = CheckpointLoader.load(file);

        assertThat(w.architecture()).isEqualTo(Fixtures.setAArchitecture());
        assertThat(w.preprocess()).isEqualTo(Preprocess.of("scale_shortside", 128, 128));
        assertThat(w.provenance()).containsEntry(ModelWeights.ARCHITECTURE_SOURCE, "opt.json")
                .containsEntry(ModelWeights.PREPROCESS_SOURCE, "opt.json")
                .containsEntry(ModelWeights.FILE, "latest_checkpoint.pth")
                .containsEntry(ModelWeights.FORMAT, "pytorch_zip")
                .containsKey(ModelWeights.SHA256);
        assertThat(w.tensors().keys()).allMatch(CheckpointLoader::isModelKey).doesNotContain("num_discriminator_iters");
        assertThat(w.fingerprint()).isEqualTo(Fingerprint.of(PthReader.read(Fixtures.setACheckpoint())));
    }

    @Test
    void infersTheArchitectureWhenNothingNamesIt() throws Exception {
        ModelWeights w = CheckpointLoader.load(setAIn("my_run"));

        assertThat(w.architecture()).isEqualTo(Fixtures.setAArchitecture());
        assertThat(w.preprocess()).isNull();
        assertThat(w.provenance()).containsEntry(ModelWeights.ARCHITECTURE_SOURCE, "inferred from tensor shapes")
                .containsEntry(ModelWeights.ARCHITECTURE_NOTE, ArchitectureInference.NOTE);
    }

    @Test
    void aReleasedModelIsRecognisedByItsFolderAndAMismatchNamesTheTensor() throws Exception {
        Path file = setAIn("church_pretrained");

        assertThatThrownBy(() -> CheckpointLoader.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("E.FromRGB.Conv.weight: checkpoint has [2, 3, 1, 1], architecture expects [32, 3, 1, 1]"
                        + " (architecture from preset church_pretrained)");
    }

    @Test
    void anOptTxtThatDisagreesWithTheTensorsIsAClearError() throws Exception {
        Path file = setAIn("fixture");
        Files.writeString(file.resolveSibling("opt.txt"),
                Fixtures.read(Fixtures.resource("opt/print_options-set-a.txt")).replace("global_code_ch: 256 ", "global_code_ch: 512 "));

        assertThatThrownBy(() -> CheckpointLoader.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("E.ToGlobalCode.0.weight: checkpoint has [256, 128], architecture expects [512, 128]"
                        + " (architecture from opt.txt)");
    }

    @Test
    void aPreprocessingSwapaeDoesNotReproduceIsLeftUnknownWithANote() throws Exception {
        Path file = setAIn("fixture");
        Files.writeString(file.resolveSibling("opt.txt"),
                Fixtures.read(Fixtures.resource("opt/print_options-set-a.txt")).replace("preprocess: scale_shortside ", "preprocess: fixsize_zoom "));

        ModelWeights w = CheckpointLoader.load(file);

        assertThat(w.architecture()).isEqualTo(Fixtures.setAArchitecture());
        assertThat(w.preprocess()).isNull();
        assertThat(w.provenance().get(ModelWeights.PREPROCESS_NOTE)).startsWith("opt.txt: unknown preprocess mode 'fixsize_zoom'");
    }

    @Test
    void missingAndUnexpectedTensorsAreNamed() throws Exception {
        StateDict full = PthReader.read(Fixtures.setACheckpoint());
        Architecture arch = Fixtures.setAArchitecture();
        Map<String, TensorData> less = new LinkedHashMap<>(full.asMap());
        less.remove("G.ToRGB.bias");
        Map<String, TensorData> more = new LinkedHashMap<>(full.asMap());
        more.put("G.Extra.weight", TensorData.ofFloats("G.Extra.weight", new long[] {1}, new float[] {0}));
        more.put("D.ignored", TensorData.ofFloats("D.ignored", new long[] {1}, new float[] {0}));

        assertThatThrownBy(() -> LayoutCheck.verify(new StateDict(less), arch, "opt.txt"))
                .hasMessage("checkpoint lacks 1 tensor(s) the architecture expects: G.ToRGB.bias (architecture from opt.txt)");
        assertThatThrownBy(() -> LayoutCheck.verify(new StateDict(more), arch, "opt.txt"))
                .hasMessage("checkpoint has 1 tensor(s) the architecture does not: G.Extra.weight (architecture from opt.txt)");
    }

    @Test
    void convertedWeightsLoadWithTheSameTensorsAndFingerprint() throws Exception {
        Path pth = setAIn("fixture");
        Files.copy(Fixtures.resource("fixtures/sae-parity-a/opt.json"), pth.resolveSibling("opt.json"));
        ModelWeights original = CheckpointLoader.load(pth);
        Path converted = Files.createDirectories(dir.resolve("elsewhere")).resolve("set-a.safetensors");

        SafetensorsWriter.write(original, converted);
        ModelWeights loaded = CheckpointLoader.load(converted);

        assertThat(loaded.fingerprint()).isEqualTo(original.fingerprint());
        assertThat(loaded.architecture()).isEqualTo(original.architecture());
        assertThat(loaded.preprocess()).isEqualTo(original.preprocess());
        assertThat(loaded.tensors().keys()).containsExactlyElementsOf(original.tensors().keys());
        for (String key : original.tensors().keys()) {
            assertThat(loaded.tensors().get(key).shape()).as(key).containsExactly(original.tensors().get(key).shape());
            assertThat(loaded.tensors().get(key).data()).as(key).isEqualTo(original.tensors().get(key).data());
        }
        assertThat(loaded.provenance())
                .containsEntry(ModelWeights.SOURCE_FILE, "latest_checkpoint.pth")
                .containsEntry(ModelWeights.SOURCE_FORMAT, "pytorch_zip")
                .containsEntry(ModelWeights.SOURCE_SHA256, original.provenance().get(ModelWeights.SHA256))
                .containsEntry(ModelWeights.ARCHITECTURE_SOURCE, "opt.json")
                .containsEntry(ModelWeights.FILE, "set-a.safetensors")
                .containsEntry(ModelWeights.FORMAT, "safetensors")
                .containsKeys(ModelWeights.CONVERTED_AT, ModelWeights.SWAPAE_VERSION);
    }

    @Test
    void theFormatIsToldByContentNotByName() throws Exception {
        ModelWeights original = CheckpointLoader.load(setAIn("run"));
        Path misnamed = dir.resolve("weights.pth");

        SafetensorsWriter.write(original, misnamed);

        assertThat(CheckpointLoader.load(misnamed).provenance()).containsEntry(ModelWeights.FORMAT, "safetensors");
    }

    @Test
    void alteredTensorsDoNotPassTheRecordedFingerprint() throws Exception {
        ModelWeights original = CheckpointLoader.load(setAIn("run"));
        Path file = dir.resolve("w.safetensors");
        SafetensorsWriter.write(original, file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> CheckpointLoader.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("but the metadata records " + original.fingerprint().full());
    }

    @Test
    void aForeignSafetensorsFileIsResolvedLikeACheckpoint() throws Exception {
        Path file = dir.resolve("foreign.safetensors");
        SafetensorsWriter.write(file, PthReader.read(Fixtures.setACheckpoint()), Map.of("format", "pt"));

        ModelWeights w = CheckpointLoader.load(file);

        assertThat(w.architecture()).isEqualTo(Fixtures.setAArchitecture());
        assertThat(w.provenance()).containsEntry(ModelWeights.ARCHITECTURE_SOURCE, "inferred from tensor shapes");
    }

    @Test
    void theLegacyFormatIsRefusedByTheLoaderToo() throws Exception {
        byte[] legacy = new PickleBytes().proto(2).op(0x8a).op(10)
                .op(0x6c).op(0xfc).op(0x9c).op(0x46).op(0xf9).op(0x20).op(0x6a).op(0xa8).op(0x50).op(0x19).bytes();
        Path file = Files.write(dir.resolve("old.pth"), legacy);

        assertThatThrownBy(() -> CheckpointLoader.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("legacy non-zip PyTorch format is not supported");
    }

    @Test
    void presetsCarryTheOfficialLaunchOptions() {
        ModelPreset ffhq = ModelPresets.find("ffhq1024").orElseThrow();

        assertThat(ModelPresets.all()).extracting(ModelPreset::name).containsExactly("church_pretrained",
                "bedroom_pretrained", "mountain_pretrained", "ffhq512_pretrained", "ffhq1024_pretrained",
                "afhq_pretrained", "ffhq1024_patchDv7_L1_smallerstructurecode");
        assertThat(ffhq.preprocess()).isEqualTo(Preprocess.of("resize_and_crop", 1024, 768));
        assertThat(ffhq.architecture().globalCodeCh()).isEqualTo(1536);
        assertThat(ffhq.architecture().netENumDownsamplingSp()).isEqualTo(5);
        assertThat(ModelPresets.find("mountain").orElseThrow().preprocess())
                .isEqualTo(Preprocess.of("scale_shortside_and_crop", 512, 512));
        assertThat(ModelPresets.find("church_pretrained").orElseThrow().architecture()).isEqualTo(Architecture.DEFAULT);
    }
}
