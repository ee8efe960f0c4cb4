package io.swapae.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.jobs.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class ConfigFileTest {

    @TempDir
    Path dir;

    private Path conf(String text) throws IOException {
        return Files.writeString(dir.resolve("job.properties"), text);
    }

    private static CommandSpec parsedEncode(String... args) {
        CommandLine cli = Swapae.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(Stream.concat(Stream.of("encode"), Stream.of(args))
                .toArray(String[]::new));
        return parsed.subcommand().commandSpec();
    }

    @Test
    void fileValuesFillTheOptionsTheCommandLineLeavesOut() throws IOException {
        Path file = conf("input = a/,b/\noutput = out\nbatch-size = 16\nretry-errors = true\n");
        CommandSpec encode = parsedEncode("--conf", file.toString());
        assertThat(encode.findOption("--input").<List<String>>getValue()).containsExactly("a/", "b/");
        assertThat(encode.findOption("--output").<String>getValue()).isEqualTo("out");
        assertThat(encode.findOption("--batch-size").<Integer>getValue()).isEqualTo(16);
        assertThat(encode.findOption("--retry-errors").<Boolean>getValue()).isTrue();
        assertThat(encode.findOption("--partitions").<Integer>getValue()).isZero();
    }

    @Test
    void commandLineWinsOverTheFile() throws IOException {
        Path file = conf("input = a/,b/\noutput = out\nbatch-size = 16\n");
        CommandSpec encode = parsedEncode("--conf", file.toString(), "--batch-size", "4", "--input", "c/");
        assertThat(encode.findOption("--batch-size").<Integer>getValue()).isEqualTo(4);
        assertThat(encode.findOption("--input").<List<String>>getValue()).containsExactly("c/");
        assertThat(encode.findOption("--output").<String>getValue()).isEqualTo("out");
    }

    @Test
    void unknownKeyIsAnErrorListingTheAcceptedOnes() throws IOException {
        Path file = conf("output = out\nbatch_size = 16\n");
        CliRun r = CliRun.of("encode", "--conf", file.toString(), "--input", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("does not accept batch_size").contains("accepted: ").contains("batch-size")
                .contains("retry-errors").contains(file.toString());
    }

    @Test
    void unknownKeyIsAnErrorEvenWhenTheCommandLineGivesEverything() throws IOException {
        Path checkpoint = Path.of("../common/src/test/resources/fixtures/sae-parity-a/checkpoint.pth");
        Path file = conf("colour = blue\n");
        CliRun r = CliRun.of("models", "inspect", checkpoint.toString(), "--conf", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("swapae models inspect does not accept colour");
    }

    @Test
    void valueThatDoesNotConvertNamesTheFileAndKey() throws IOException {
        Path file = conf("input = x\noutput = out\nbatch-size = many\n");
        CliRun r = CliRun.of("encode", "--conf", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--conf " + file + ": key batch-size").contains("'many' is not an int");
    }

    @Test
    void missingFileIsAClearError() {
        Path absent = dir.resolve("absent.properties");
        CliRun r = CliRun.of("encode", "--conf", absent.toString(), "--input", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--conf " + absent + ": cannot read it (no such file)");
    }

    @Test
    void everyExampleInConfIsAcceptedByItsCommand() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("../conf/jobs"))) {
            examples = files.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            String name = example.getFileName().toString().replace(".properties", "");
            String[] command = Stream.concat(Stream.of(name.split("-", 2)), Stream.of("--conf", example.toString()))
                    .toArray(String[]::new);
            CommandLine cli = Swapae.commandLine();
            CommandLine.ParseResult parsed = cli.parseArgs(command);
            ConfigFile.validate(parsed);
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            assertThat(leaf.commandSpec().name()).as(example.toString()).isEqualTo(name.contains("-")
                    ? name.substring(name.indexOf('-') + 1) : name);
        }
    }
}
