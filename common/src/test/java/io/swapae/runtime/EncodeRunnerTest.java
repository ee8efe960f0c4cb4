package io.swapae.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.swapae.image.ImageTensors;
import io.swapae.image.RgbImage;
import io.swapae.model.Codes;
import io.swapae.model.ComputePath;
import io.swapae.model.SwappingAutoencoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EncodeRunnerTest {

    private static SwappingAutoencoder network;

    @BeforeAll
    static void loadModel() throws Exception {
        network = ExecutorModels.get(ModelSpec.random(ModelSpecTest.SMALL, 5), Device.cpu(), ComputePath.FAST,
                Precision.FP32).network();
    }

    private static Map<String, EncodeResult<Inputs>> encode(List<Inputs> inputs, int batchSize) {
        Map<String, EncodeResult<Inputs>> out = new LinkedHashMap<>();
        try (EncodeRunner<Inputs> runner = new EncodeRunner<>(network,
                BatchPipeline.start(inputs.iterator(), Inputs.ACCESS, BatchPipelineTest.PREPARER, batchSize))) {
            runner.forEachRemaining(r -> out.put(r.source(), r));
        }
        return out;
    }

    private static List<Inputs> fiveImages() {
        List<Inputs> in = new ArrayList<>(IntStream.range(0, 4).mapToObj(i -> Inputs.png("img" + i, 128, 128, i)).toList());
        in.add(2, Inputs.png("wide", 144, 128, 9));
        return in;
    }

    @Test
    void codesDoNotDependOnBatchComposition() {
        Map<String, EncodeResult<Inputs>> one = encode(fiveImages(), 1);
        Map<String, EncodeResult<Inputs>> three = encode(fiveImages(), 3);
        assertThat(three.keySet()).containsExactlyInAnyOrderElementsOf(one.keySet()).hasSize(5);
        for (String k : one.keySet()) {
            Encoded<Inputs> a = (Encoded<Inputs>) one.get(k);
            Encoded<Inputs> b = (Encoded<Inputs>) three.get(k);
            assertThat(b.structureShape()).isEqualTo(a.structureShape());
            assertClose(b.structure(), a.structure());
            assertClose(b.texture(), a.texture());
        }
    }

    @Test
    void codesEqualADirectModelCall() throws Exception {
        Inputs input = Inputs.png("wide", 144, 128, 9);
        Encoded<Inputs> e = (Encoded<Inputs>) encode(List.of(input), 4).get("wide");
        RgbImage image = BatchPipelineTest.PREPARER.prepare(input.bytes()).image();
        try (NDManager m = network.manager().newSubManager()) {
            NDArray x = m.create(ImageTensors.toChw(image), new Shape(1, 3, 128, 144));
            Codes direct = network.encode(x);
            assertThat(e.structureShape()).containsExactly(8, 8, 9);
            assertThat(e.width()).isEqualTo(144);
            assertThat(e.height()).isEqualTo(128);
            assertClose(e.structure(), direct.structure().toFloatArray());
            assertClose(e.texture(), direct.texture().toFloatArray());
            assertThat(e.texture()).hasSize(64);
        }
    }

    @Test
    void rejectedInputsComeOutBesideTheCodes() {
        Map<String, EncodeResult<Inputs>> out = encode(List.of(Inputs.png("good", 128, 128, 1),
                Inputs.text("bad.txt")), 2);
        assertThat(out.get("good")).isInstanceOf(Encoded.class);
        assertThat(out.get("bad.txt")).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.error()).isEqualTo("NOT_AN_IMAGE"));
    }

    @Test
    void forTaskRunsOnTheCpuWithoutAssignedGpus() throws Exception {
        LoadedModel model = ExecutorModels.forTask(ModelSpec.random(ModelSpecTest.SMALL, 5), RuntimeOptions.DEFAULT,
                TaskResources.local());
        assertThat(model.network()).isSameAs(network);
        assertThat(model.device()).isEqualTo(Device.cpu());
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-6f));
        }
    }
}
