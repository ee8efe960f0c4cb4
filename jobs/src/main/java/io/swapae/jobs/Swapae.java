package io.swapae.jobs;

import io.swapae.jobs.augment.AugmentCommand;
import io.swapae.jobs.demo.DemoCommand;
import io.swapae.jobs.directions.DirectionsCommand;
import io.swapae.jobs.encode.EncodeCommand;
import io.swapae.jobs.guide.GuideCommand;
import io.swapae.jobs.mix.MixCommand;
import io.swapae.jobs.sequences.SequencesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code swapae} command line: one subcommand per job or tool. */
@Command(name = "swapae", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Swapping Autoencoder image manipulation at dataset scale.",
        subcommands = {EncodeCommand.class, DirectionsCommand.class, ModelsCommand.class, BenchCommand.class,
                DemoCommand.class, MixCommand.class, AugmentCommand.class, SequencesCommand.class,
                GuideCommand.class})
public final class Swapae implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** The command line with swapae's error handling: one-line messages on stderr, exit 2 for usage, 1 for failures. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Swapae());
        ConfigFile.install(cli);
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) -> usage.handleParseException(ConfigFile.describeSource(e, args), args));
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cli.setExecutionStrategy(parsed -> {
            ConfigFile.validate(parsed);
            return runLast.execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return 1;
        });
        return cli;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
