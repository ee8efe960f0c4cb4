package io.swapae.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.jobs.testing.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/gpu/get-gpus-resources.sh, Spark's GPU discovery script, against a stand-in {@code nvidia-smi}: the only
 * program on its PATH, so that a real one on this machine cannot answer instead.
 */
class GpuDiscoveryScriptIT {

    private static final Path SCRIPT = Path.of(System.getProperty("swapae.root"), "deploy/gpu/get-gpus-resources.sh");

    @TempDir
    Path dir;

    @Test
    void printsEveryGpuNvidiaSmiListsAsSparkReadsThem() throws Exception {
        ProcessRun run = discover(nvidiaSmi("printf '0\\n1\\n'"), null);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(run.stdout()))
                .isEqualTo(json.readTree("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}"));
        ResourceInformation gpus = ResourceInformation.parseJson(run.stdout());
        assertThat(gpus.name()).isEqualTo("gpu");
        assertThat(gpus.addresses()).containsExactly("0", "1");
    }

    @Test
    void numbersTheGpusCudaVisibleDevicesLeavesFromZero() throws Exception {
        ProcessRun run = discover(nvidiaSmi("printf '0\\n1\\n2\\n3\\n'"), "2,3");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(ResourceInformation.parseJson(run.stdout()).addresses()).containsExactly("0", "1");
    }

    @Test
    void failsWithAMessageWhenNvidiaSmiIsMissing() throws Exception {
        ProcessRun run = discover(Files.createDirectories(dir.resolve("empty")), null);

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("nvidia-smi not found");
    }

    @Test
    void failsWithNvidiaSmisOwnMessageWhenItFails() throws Exception {
        ProcessRun run = discover(nvidiaSmi("echo \"NVIDIA-SMI has failed because it couldn't communicate with the"
                + " NVIDIA driver.\"; exit 9"), null);

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("nvidia-smi --query-gpu=index failed")
                .contains("couldn't communicate with the NVIDIA driver");
    }

    @Test
    void failsWhenNvidiaSmiListsNoGpu() throws Exception {
        ProcessRun run = discover(nvidiaSmi("exit 0"), null);

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("lists no GPUs");
    }

    @Test
    void failsWhenCudaVisibleDevicesHidesEveryGpu() throws Exception {
        ProcessRun run = discover(nvidiaSmi("printf '0\\n'"), "");

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.stderr()).contains("CUDA_VISIBLE_DEVICES is set but empty");
    }

    /** A folder holding only an {@code nvidia-smi} that runs {@code body} (a shell command). */
    private Path nvidiaSmi(String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private ProcessRun discover(Path path, String cudaVisibleDevices) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", path.toString());
        environment.put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices);
        return ProcessRun.run(List.of("/bin/bash", SCRIPT.toString()), environment, dir, Duration.ofSeconds(30));
    }
}
