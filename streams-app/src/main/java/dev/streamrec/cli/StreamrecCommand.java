package dev.streamrec.cli;

import java.util.Map;

import dev.streamrec.endpoint.OpsEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code streamrec} command line: the one entry point and the one exit point of the application. */
@Command(name = "streamrec", mixinStandardHelpOptions = true, version = "streamrec 0.1.0",
    description = "Online recommendation models learned and served inside Kafka Streams.",
    subcommands = {DemoCommand.class, EvaluateCommand.class, BenchCommand.class, RunCommand.class, LoadCommand.class,
        TopicsCommand.class, ExportCommand.class, ReplayCommand.class, DevStackCommand.class,
        ConfigReferenceCommand.class, SimulatePartitionsCommand.class, CommandLine.HelpCommand.class})
public final class StreamrecCommand implements Runnable {
    /** The exit code of a configuration or input mistake (picocli's code for usage errors). */
    static final int USAGE_ERROR = 2;

    @Option(names = LogLevels.VERBOSE, scope = ScopeType.INHERIT,
        description = "Log Kafka's clients, Streams and the embedded broker at INFO (default: warnings only).")
    boolean verbose;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Builds the command line with environment-variable defaults ({@code STREAMREC_*}). */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** Builds the command line with defaults from the given environment ({@code STREAMREC_*} variables). */
    public static CommandLine commandLine(final Map<String, String> environment) {
        return new CommandLine(new StreamrecCommand())
            .setDefaultValueProvider(new EnvironmentDefaultProvider(environment))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(StreamrecCommand::reportFailure);
    }

    /**
     * A configuration or input mistake ({@link IllegalArgumentException}: unknown key, bad value, ...) is reported
     * as one line and exit code 2; its stack trace only with {@code --verbose}. Anything else keeps its trace.
     */
    private static int reportFailure(final Exception e, final CommandLine command,
                                     final CommandLine.ParseResult parsed) {
        final boolean verbose = parsed.originalArgs().contains(LogLevels.VERBOSE);
        if (e instanceof IllegalArgumentException && !verbose) {
            command.getErr().println("streamrec " + command.getCommandName() + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        e.printStackTrace(command.getErr());
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    public static void main(final String[] args) {
        LogLevels.configure(args);
        AvroTrust.allowStreamrecRecords();
        OpsEndpoint.sendWithoutDelay();
        System.exit(commandLine().execute(args));
    }
}
