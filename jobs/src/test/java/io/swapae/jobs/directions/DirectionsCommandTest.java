package io.swapae.jobs.directions;

import io.swapae.jobs.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapae.jobs.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectionsCommandTest {

    @BeforeAll
    static void setUp() {
        TestSpark.session();
    }

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void anUnknownSpaceIsRefusedNamingTheAcceptedOnes(@TempDir Path dir) {
        CliRun r = run("directions", "--codes", dir.resolve("codes").toString(), "--output", dir.resolve("cat").toString(),
                "--space", "colour");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("swapae directions: --space must be one of texture, structure,"
                + " structure-local, got 'colour'");
    }

    @Test
    void previewsDefaultToNoMoreThanTheComponents() {
        DirectionsCommand fewer = new DirectionsCommand();
        new CommandLine(fewer).parseArgs("--codes", "c", "--output", "o", "--components", "3");
        assertThat(fewer.options().previews()).isEqualTo(3);
        DirectionsCommand many = new DirectionsCommand();
        new CommandLine(many).parseArgs("--codes", "c", "--output", "o", "--components", "20");
        assertThat(many.options().previews()).isEqualTo(DirectionsOptions.DEFAULT_PREVIEWS);
        DirectionsCommand given = new DirectionsCommand();
        new CommandLine(given).parseArgs("--codes", "c", "--output", "o", "--components", "20", "--previews", "2");
        assertThat(given.options().previews()).isEqualTo(2);
    }

    @Test
    void moreComponentsThanValuesIsRefusedNamingBoth(@TempDir Path dir) {
        Path codes = dir.resolve("codes");
        PlantedCodes.write(TestSpark.session(), codes, "r1", PlantedCodes.of(50, 8, new double[] {2, 1}, 8)
                .rows(CodeSpace.TEXTURE, "sha256:00000000000000aa", 1, 1));
        CliRun r = run("directions", "--codes", codes.toString(), "--output", dir.resolve("cat").toString(),
                "--components", "9", "--previews", "0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--components 9 is more than the 8 values of a texture vector");
    }

    @Test
    void theCommandWritesACatalogueAndSaysWhatItFitted(@TempDir Path dir) {
        Path codes = dir.resolve("codes");
        PlantedCodes.write(TestSpark.session(), codes, "r1", PlantedCodes.of(300, 8, new double[] {2, 1}, 8)
                .rows(CodeSpace.TEXTURE, "sha256:00000000000000aa", 1, 1));
        CliRun r = run("directions", "--codes", codes.toString(), "--output", dir.resolve("cat").toString(),
                "--components", "3", "--previews", "0", "--sample", "150", "--seed", "5", "--id", "small");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("directions small: 3 texture directions of ");
        assertThat(Files.exists(dir.resolve("cat/index.html"))).isTrue();
    }

    @Test
    void benchPcaPrintsItsFiguresAndTheBlas() throws Exception {
        CliRun r = run("bench", "pca", "--rows", "3000", "--dimension", "64", "--components", "4", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("rows").asLong()).isEqualTo(3000);
        assertThat(j.get("job_s").asDouble()).isPositive();
        assertThat(j.get("covariance_gflops").asDouble()).isPositive();
        assertThat(j.get("blas").asText()).contains("org.bytedeco:openblas");
        assertThat(j.get("eigen").asText()).startsWith("Smile");
    }
}
