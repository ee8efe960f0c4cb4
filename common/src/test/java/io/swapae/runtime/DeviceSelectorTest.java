package io.swapae.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

    private static final Map<String, String[]> GPU_1 = Map.of("gpu", new String[] {"1"});

    @Test
    void assignedGpuIsUsedWhenLibtorchSeesIt() throws DeviceException {
        assertThat(DeviceSelector.select(DeviceChoice.AUTO, GPU_1, 2)).isEqualTo(Device.gpu(1));
        assertThat(DeviceSelector.select(DeviceChoice.GPU, GPU_1, 2)).isEqualTo(Device.gpu(1));
    }

    @Test
    void firstOfSeveralAssignedGpusIsUsed() throws DeviceException {
        assertThat(DeviceSelector.select(DeviceChoice.AUTO, Map.of("gpu", new String[] {"3", "2"}), 4))
                .isEqualTo(Device.gpu(3));
    }

    @Test
    void noAssignedGpuMeansCpuUnderAuto() throws DeviceException {
        assertThat(DeviceSelector.select(DeviceChoice.AUTO, Map.of(), 8)).isEqualTo(Device.cpu());
        assertThat(DeviceSelector.select(DeviceChoice.AUTO, Map.of("gpu", new String[0]), 8)).isEqualTo(Device.cpu());
        assertThat(DeviceSelector.select(DeviceChoice.AUTO, null, 0)).isEqualTo(Device.cpu());
    }

    @Test
    void cpuOverrideIgnoresAssignedGpu() throws DeviceException {
        assertThat(DeviceSelector.select(DeviceChoice.CPU, GPU_1, 0)).isEqualTo(Device.cpu());
        assertThat(DeviceSelector.select(DeviceChoice.CPU, GPU_1, 2)).isEqualTo(Device.cpu());
    }

    @Test
    void gpuOverrideWithoutAssignmentUsesGpuZero() throws DeviceException {
        assertThat(DeviceSelector.select(DeviceChoice.GPU, Map.of(), 1)).isEqualTo(Device.gpu(0));
    }

    @Test
    void assignedGpuWithoutCudaIsAnErrorNamingTheFix() {
        assertThatThrownBy(() -> DeviceSelector.select(DeviceChoice.AUTO, GPU_1, 0))
                .isInstanceOf(DeviceException.class)
                .hasMessage("task was assigned GPU 1 but this executor's libtorch has no CUDA: build with the cu128 "
                        + "natives, see README");
        assertThatThrownBy(() -> DeviceSelector.select(DeviceChoice.GPU, Map.of(), 0))
                .isInstanceOf(DeviceException.class).hasMessageContaining("no CUDA");
    }

    @Test
    void nonIntegerAddressIsAnError() {
        assertThatThrownBy(() -> DeviceSelector.select(DeviceChoice.AUTO, Map.of("gpu", new String[] {"GPU-3f2a"}), 2))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("'GPU-3f2a'").hasMessageContaining("not a CUDA device index");
    }

    @Test
    void addressBeyondVisibleGpusIsAnError() {
        assertThatThrownBy(() -> DeviceSelector.select(DeviceChoice.AUTO, Map.of("gpu", new String[] {"2"}), 2))
                .isInstanceOf(DeviceException.class).hasMessageContaining("sees only 2 GPU(s)");
    }

    @Test
    void deviceOptionParsesAnyCaseAndListsChoices() {
        assertThat(DeviceChoice.parse(" GPU ")).isEqualTo(DeviceChoice.GPU);
        assertThat(DeviceChoice.parse("auto")).isEqualTo(DeviceChoice.AUTO);
        assertThatThrownBy(() -> DeviceChoice.parse("tpu")).hasMessageContaining("cpu, gpu, auto");
    }
}
