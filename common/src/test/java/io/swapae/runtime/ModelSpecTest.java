package io.swapae.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.swapae.model.Architecture;
import io.swapae.model.ComputePath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    static final Architecture SMALL = new Architecture(8, 64, 0.0625, 4, 2, 2.0, 0.0625, 2, true, true);

    @Test
    void survivesJavaSerialisationAsAnEqualValue() throws Exception {
        ModelSpec random = ModelSpec.random(SMALL, 7);
        ModelSpec file = ModelSpec.checkpoint("/models/church.pth");
        assertThat(roundTrip(random)).isEqualTo(random).hasSameHashCodeAs(random);
        assertThat(roundTrip(file)).isEqualTo(file);
        RuntimeOptions options = new RuntimeOptions(DeviceChoice.GPU, ComputePath.FAST, Precision.FP32, 3);
        assertThat(roundTrip(options)).isEqualTo(options);
    }

    @Test
    void specsDifferBySeedArchitectureAndPath() {
        assertThat(ModelSpec.random(SMALL, 1)).isNotEqualTo(ModelSpec.random(SMALL, 2))
                .isNotEqualTo(ModelSpec.random(SMALL.withNetGUseNoise(false), 1));
        assertThat(ModelSpec.checkpoint("a.pth")).isNotEqualTo(ModelSpec.checkpoint("b.pth"));
        assertThat(ModelSpec.random(SMALL, 1).toString()).startsWith("random:").endsWith(":seed=1");
    }

    @Test
    void randomSpecLoadsItsArchitectureWithAStableFingerprint() throws Exception {
        var a = ModelSpec.random(SMALL, 3).load();
        assertThat(a.architecture()).isEqualTo(SMALL);
        assertThat(a.fingerprint()).isEqualTo(ModelSpec.random(SMALL, 3).load().fingerprint());
        assertThat(a.provenance()).containsEntry(ModelSpec.RANDOM_SEED, "3");
    }

    @Test
    void halfPrecisionTaskGetsItsOwnFloat16Instance() throws Exception {
        LoadedModel half = ExecutorModels.forTask(ModelSpec.random(SMALL, 13),
                new RuntimeOptions(DeviceChoice.CPU, ComputePath.FAST, Precision.FP16, 0), TaskResources.local());
        LoadedModel full = ExecutorModels.forTask(ModelSpec.random(SMALL, 13),
                new RuntimeOptions(DeviceChoice.CPU, ComputePath.FAST, Precision.FP32, 0), TaskResources.local());
        assertThat(half.precision()).isEqualTo(Precision.FP16);
        assertThat(half.network().computeType()).isEqualTo(DataType.FLOAT16);
        assertThat(full.network().computeType()).isEqualTo(DataType.FLOAT32);
        assertThat(half.fingerprint()).isEqualTo(full.fingerprint());
        assertThat(half.network().weightBytes() * 2).isEqualTo(full.network().weightBytes());
    }

    @Test
    void executorModelsShareOneInstancePerSpecAndDevice() throws Exception {
        LoadedModel a = ExecutorModels.get(ModelSpec.random(SMALL, 11), Device.cpu(), ComputePath.FAST, Precision.FP32);
        LoadedModel b = ExecutorModels.get(ModelSpec.random(SMALL, 11), Device.cpu(), ComputePath.FAST, Precision.FP32);
        assertThat(b).isSameAs(a);
        assertThat(a.device()).isEqualTo(Device.cpu());
        assertThat(ExecutorModels.get(ModelSpec.random(SMALL, 12), Device.cpu(), ComputePath.FAST, Precision.FP32))
                .isNotSameAs(a);
    }

    @Test
    void missingCheckpointFailsClearlyEachTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> ExecutorModels.get(ModelSpec.checkpoint("/nonexistent/model.pth"), Device.cpu(),
                    ComputePath.FAST, Precision.FP32))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("checkpoint:/nonexistent/model.pth");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
