package io.swapae.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.swapae.jobs.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwapaeCliTest {

    /** Set A of the official parity fixtures: checkpoint.pth with opt.json beside it. */
    private static final Path SET_A = Path.of("../common/src/test/resources/fixtures/sae-parity-a/checkpoint.pth");
    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void inspectPrintsArchitectureParameterCountsAndFingerprint() throws Exception {
        CliRun r = run("models", "inspect", SET_A.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("fingerprint").asText()).matches("sha256:[0-9a-f]{16}");
        assertThat(j.get("architecture").get("spatial_code_ch").asInt()).isEqualTo(8);
        assertThat(j.get("architecture").get("global_code_ch").asInt()).isEqualTo(256);
        // the official parameter counts of set A (fixture README)
        assertThat(j.get("parameters").get("E").asLong()).isEqualTo(136_654);
        assertThat(j.get("parameters").get("G").asLong()).isEqualTo(400_327);
    }

    @Test
    void inspectOfANonCheckpointFailsWithOneLine(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("model.pth");
        Files.writeString(bogus, "this is not a checkpoint");
        CliRun r = run("models", "inspect", bogus.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("swapae models inspect: ").doesNotContain("\n");
    }

    @Test
    void inspectOfAMissingFileNamesIt(@TempDir Path dir) {
        CliRun r = run("models", "inspect", dir.resolve("absent.pth").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("absent.pth");
    }

    @Test
    void convertWritesSafetensorsThatLoadWithTheSameFingerprint(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("set-a.safetensors");
        CliRun converted = run("models", "convert", SET_A.toString(), target.toString());
        assertThat(converted.exitCode()).as(converted.err()).isZero();
        CliRun original = run("models", "inspect", SET_A.toString());
        CliRun reloaded = run("models", "inspect", target.toString());
        assertThat(JSON.readTree(reloaded.out()).get("fingerprint"))
                .isEqualTo(JSON.readTree(original.out()).get("fingerprint"));
        assertThat(JSON.readTree(reloaded.out()).get("architecture"))
                .isEqualTo(JSON.readTree(original.out()).get("architecture"));
        CliRun again = run("models", "convert", SET_A.toString(), target.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("--force");
    }

    @Test
    void benchModelJsonPrintsOneObjectPerBatchSize() throws Exception {
        CliRun r = run("bench", "model", "--size", "128", "--batch", "1,2", "--warmup", "0", "--runs", "1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode row = JSON.readTree(lines.get(i));
            assertThat(row.get("batch").asInt()).isEqualTo(i + 1);
            assertThat(row.get("encode_images_per_s").asDouble()).isPositive();
            assertThat(row.get("generate_images_per_s").asDouble()).isPositive();
            assertThat(row.get("peak_rss_mb").asLong()).isPositive();
            assertThat(row.get("allocator").asText()).isNotBlank();
        }
    }

    @Test
    void benchModelRunsInHalfPrecisionWhenAsked() throws Exception {
        CliRun r = run("bench", "model", "--size", "128", "--batch", "1", "--warmup", "0", "--runs", "1",
                "--precision", "fp16", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode row = JSON.readTree(r.out());
        assertThat(row.get("precision").asText()).isEqualTo("fp16");
        assertThat(row.get("encode_images_per_s").asDouble()).isPositive();
        assertThat(row.get("generate_images_per_s").asDouble()).isPositive();
        assertThat(row.get("weights_mb").asLong()).isPositive();
    }

    @Test
    void anUnknownPrecisionIsRefusedListingTheChoices(@TempDir Path dir) {
        CliRun bench = run("bench", "model", "--precision", "bf16", "--json");
        assertThat(bench.exitCode()).isEqualTo(1);
        assertThat(bench.err()).contains("'bf16'").contains("fp32, fp16");
        CliRun encode = run("encode", "--input", dir.toUri().toString(), "--output", dir.resolve("out").toUri().toString(),
                "--precision", "fp64");
        assertThat(encode.exitCode()).isEqualTo(1);
        assertThat(encode.err().strip()).startsWith("swapae encode: ").contains("'fp64'").contains("fp32, fp16");
    }

    @Test
    void benchRefusesAnInvalidSizeNamingTheRule() {
        CliRun r = run("bench", "model", "--size", "100", "--batch", "1", "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("multiple of 16").contains("at least 112");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = run("models", "inspect", "--bogus", SET_A.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--bogus");
    }

    @Test
    void helpIsAvailableOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"models", "--help"}, {"models", "inspect", "--help"},
                {"models", "convert", "--help"}, {"bench", "--help"}, {"bench", "model", "--help"}}) {
            CliRun r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage:");
        }
    }
}
