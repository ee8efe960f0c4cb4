package io.swapae.jobs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Job options from a file: {@code --conf FILE} on every command reads Java properties whose keys are the command's
 * long option names without the dashes ({@code batch-size = 16}; lists comma-separated, flags {@code true} or
 * {@code false}). Options on the command line win over the file. A key the command does not accept is an error
 * that lists the accepted ones; a value that does not convert is an error naming the file and the key.
 */
public final class ConfigFile implements CommandLine.IDefaultValueProvider {

    /** The option every command gets. */
    public static final String OPTION = "--conf";

    private final CommandSpec command;
    private Path loadedFrom;
    private Map<String, String> values = Map.of();

    private ConfigFile(CommandSpec command) {
        this.command = command;
    }

    /** Gives every command under {@code root} that runs something (has no subcommands) a {@code --conf FILE} option. */
    static void install(CommandLine root) {
        if (!root.getSubcommands().isEmpty()) {
            root.getSubcommands().values().forEach(ConfigFile::install);
            return;
        }
        CommandSpec spec = root.getCommandSpec();
        spec.addOption(OptionSpec.builder(OPTION).paramLabel("FILE").type(Path.class)
                .description("read options from this file (name = value per line, names as the long options"
                        + " without dashes; see conf/*.properties); the command line wins")
                .build());
        root.setDefaultValueProvider(new ConfigFile(spec));
    }

    /** Checks the file given to the command that is about to run (also when every option came from the command line). */
    static void validate(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf.commandSpec().commandLine().getDefaultValueProvider() instanceof ConfigFile file) {
            file.load();
        }
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || !option.longestName().startsWith("--")
                || option.longestName().equals(OPTION)) {
            return null;
        }
        return load().get(key(option));
    }

    /** The file's values by key, read once; empty when the command has no {@code --conf}. */
    private Map<String, String> load() {
        Path file = command.findOption(OPTION).getValue();
        if (file == null || file.equals(loadedFrom)) {
            return values;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(), OPTION + " " + file + ": cannot read it ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ")");
        }
        Map<String, OptionSpec> accepted = acceptedOptions();
        Map<String, String> read = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            String key = name.startsWith("--") ? name.substring(2) : name;
            if (!accepted.containsKey(key)) {
                unknown.add(name);
            }
            read.put(key, properties.getProperty(name).strip());
        }
        if (!unknown.isEmpty()) {
            throw new ParameterException(command.commandLine(), OPTION + " " + file + ": "
                    + command.qualifiedName() + " does not accept " + String.join(", ", unknown)
                    + "; accepted: " + String.join(", ", accepted.keySet()));
        }
        loadedFrom = file;
        values = read;
        return values;
    }

    /** The options a file may set: every long option but help, version and {@code --conf} itself. */
    private Map<String, OptionSpec> acceptedOptions() {
        Map<String, OptionSpec> accepted = new LinkedHashMap<>();
        for (OptionSpec option : command.options()) {
            if (!option.usageHelp() && !option.versionHelp() && !option.longestName().equals(OPTION)
                    && option.longestName().startsWith("--")) {
                accepted.put(key(option), option);
            }
        }
        return accepted;
    }

    /** Says which file and key a value that failed to convert came from, when it came from the file. */
    static ParameterException describeSource(ParameterException e, String[] args) {
        if (e.getArgSpec() instanceof OptionSpec option && option.command() != null
                && option.command().commandLine().getDefaultValueProvider() instanceof ConfigFile file
                && file.loadedFrom != null && file.values.containsKey(key(option))
                && !givenOnCommandLine(option, args)) {
            return new ParameterException(e.getCommandLine(), OPTION + " " + file.loadedFrom + ": key "
                    + key(option) + ": " + e.getMessage(), e, option, e.getValue());
        }
        return e;
    }

    private static boolean givenOnCommandLine(OptionSpec option, String[] args) {
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String key(OptionSpec option) {
        return option.longestName().substring(2);
    }
}
