package io.swapae.jobs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run to completion in its own process (a script of deploy/, say): its exit code and both outputs. */
public record ProcessRun(List<String> command, int exitCode, String stdout, String stderr) {

    /**
     * Runs {@code command} in {@code dir} with this JVM's environment changed by {@code environment} (a {@code null}
     * value removes the variable). Fails if it runs longer than {@code timeout}, after killing it and its children.
     */
    public static ProcessRun run(List<String> command, Map<String, String> environment, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path outputs = Files.createTempDirectory("process-run");
        Path out = outputs.resolve("stdout");
        Path err = outputs.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            ProcessRun run = new ProcessRun(command, exited ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            if (!exited) {
                throw new AssertionError("did not finish within " + timeout + ": " + run.describe());
            }
            return run;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(outputs);
        }
    }

    /** The command, its exit code and its output, for assertion messages. */
    public String describe() {
        return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n"
                + stderr;
    }
}
