package io.swapae.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.swapae.model.Architecture;
import io.swapae.model.ParameterLayout;

class ArchitectureInferenceTest {

    @Test
    void infersSetAFromItsCheckpoint() throws Exception {
        Architecture inferred = ArchitectureInference.infer(PthReader.read(Fixtures.setACheckpoint()));

        assertThat(inferred).isEqualTo(Fixtures.setAArchitecture());
    }

    @Test
    void infersTheDefaultArchitecture() throws Exception {
        assertThat(ArchitectureInference.infer(shapesOnly(Architecture.DEFAULT))).isEqualTo(Architecture.DEFAULT);
    }

    static Iterable<ModelPreset> presets() {
        return ModelPresets.all();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void infersEveryReleasedArchitecture(ModelPreset preset) throws Exception {
        Architecture inferred = ArchitectureInference.infer(shapesOnly(preset.architecture()));

        assertThat(inferred).isEqualTo(preset.architecture());
    }

    @Test
    void infersArchitecturesWithoutAntialiasingOrHeadBlocks() throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Fixtures.setAArchitecture().toOptions());
        options.put("use_antialias", "false");
        options.put("netG_num_base_resnet_layers", "0");
        options.put("netE_nc_steepness", "1.5");
        options.put("netE_scale_capacity", "1.0");
        options.put("netE_num_downsampling_gl", "1");
        Architecture architecture = Architecture.fromOptions(options);

        assertThat(ArchitectureInference.infer(Fixtures.zeros(architecture))).isEqualTo(architecture);
    }

    @Test
    void anyInferredArchitectureHasTheCheckpointsLayout() throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Fixtures.setAArchitecture().toOptions());
        options.put("netE_scale_capacity", "0.07");
        options.put("netG_scale_capacity", "0.13");
        StateDict tensors = Fixtures.zeros(Architecture.fromOptions(options));

        Architecture inferred = ArchitectureInference.infer(tensors);

        assertThat(LayoutCheck.verify(tensors, inferred, "inference").size()).isEqualTo(tensors.size());
    }

    @Test
    void aStateDictWithoutTheTellingTensorsIsRefused() {
        assertThatThrownBy(() -> ArchitectureInference.infer(new StateDict(Map.of())))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("cannot infer the architecture: no tensor E.ToSpatialCode.1.Conv.bias");
    }

    /** The layout's shapes, with no values: inference needs none. */
    private static Map<String, long[]> shapesOnly(Architecture architecture) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (ParameterLayout.Entry e : ParameterLayout.of(architecture).entries()) {
            shapes.put(e.key(), e.shape());
        }
        return shapes;
    }
}
