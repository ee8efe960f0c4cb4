package io.swapae.jobs.testing;

import io.swapae.jobs.Swapae;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the {@code swapae} command line in this JVM, as a user types it: its exit code and what it printed on
 * stdout and stderr.
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code swapae args…}. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Swapae.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
