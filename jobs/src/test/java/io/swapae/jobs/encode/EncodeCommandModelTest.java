package io.swapae.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.checkpoint.CheckpointLoader;
import io.swapae.jobs.Swapae;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code swapae encode --model NAME|URI}: a released model's name from the model cache, a checkpoint's URI. */
class EncodeCommandModelTest {

    @TempDir
    static Path dir;
    static Path cache;
    static Path model;
    static String fingerprint;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        EncodeDataset.images(dir.resolve("images"), 2);
        model = EncodeDataset.model(dir.resolve("small.safetensors"));
        fingerprint = CheckpointLoader.load(model).fingerprint().toString();
        cache = dir.resolve("models");
        Path cached = Files.createDirectories(cache.resolve("mountain_pretrained")).resolve("latest_checkpoint.pth");
        Files.copy(model, cached);
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run encode(Path output, String... modelOptions) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Swapae.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("encode", "--input", dir.resolve("images").toUri().toString(),
                "--output", output.toUri().toString(), "--batch-size", "4", "--partitions", "2"));
        args.addAll(List.of(modelOptions));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static List<String> models(Path output) {
        return new OutputTables(spark, output.toUri().toString()).read(OutputTables.CODES, Tables.CODES)
                .select("model").distinct().collectAsList().stream().map(row -> row.getString(0)).toList();
    }

    @Test
    void releasedModelIsTakenByNameFromTheModelCache(@TempDir Path output) {
        Run r = encode(output, "--model", "mountain", "--models-dir", cache.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 encoded");
        assertThat(models(output)).containsExactly(fingerprint);
    }

    @Test
    void checkpointIsReadFromItsUri(@TempDir Path output) {
        Run r = encode(output, "--model", model.toUri().toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(models(output)).containsExactly(fingerprint);
    }

    @Test
    void modelMissingFromTheCacheIsRefusedBeforeAnyWork(@TempDir Path output) {
        Run r = encode(output, "--model", "afhq", "--models-dir", cache.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("swapae encode: the model afhq is not in the model cache " + cache
                + ": get it with `swapae models get afhq --dir " + cache + "`");
        assertThat(output).isEmptyDirectory();
    }
}
