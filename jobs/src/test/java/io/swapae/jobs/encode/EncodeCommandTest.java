package io.swapae.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapae.jobs.Swapae;
import io.swapae.jobs.testing.EncodeDataset;
import io.swapae.jobs.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EncodeCommandTest {

    @Test
    void runsFromItsConfFileAndReportsProgressOnStderr(@TempDir Path dir) throws Exception {
        TestSpark.session();
        Path images = EncodeDataset.images(dir.resolve("images"), 3);
        Path model = EncodeDataset.model(dir.resolve("small.safetensors"));
        Path out = dir.resolve("out");
        Path conf = Files.writeString(dir.resolve("encode.properties"), String.join("\n",
                "input = " + images.toUri(), "output = " + out.toUri(), "model = " + model, "batch-size = 2",
                "partitions = 2", ""));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cli = Swapae.commandLine();
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(stderr));
        int code = cli.execute("encode", "--conf", conf.toString());
        assertThat(code).as(stderr.toString()).isZero();
        int bad = EncodeDataset.BAD.size();
        assertThat(stdout.toString()).contains(", 3 encoded, " + bad + " errors, 0 skipped");
        assertThat(stderr.toString()).contains("encode: " + (3 + bad) + "/" + (3 + bad) + " (100 %)")
                .contains(", " + bad + " errors");
        assertThat(TestSpark.session().read().parquet(out.resolve("codes").toString()).count()).isEqualTo(3);
    }
}
