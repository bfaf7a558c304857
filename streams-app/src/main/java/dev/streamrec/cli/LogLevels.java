package dev.streamrec.cli;

import java.util.List;

/**
 * The log levels of a run, set before the first logger exists (slf4j-simple reads its levels once, from system
 * properties over {@code simplelogger.properties}). By default streamrec logs at INFO and Kafka's clients, Streams
 * and the embedded broker only warnings and errors; {@code --verbose} (any command) logs everything at INFO. The
 * {@code demo} shows its progress and metrics itself, so there streamrec's own INFO lines are off too unless
 * {@code --verbose}.
 */
final class LogLevels {
    /** The option that turns the chatter on; declared on {@link StreamrecCommand} so every command accepts it. */
    static final String VERBOSE = "--verbose";

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /** Loggers {@code simplelogger.properties} quietens below WARN; {@code --verbose} brings them back to INFO. */
    private static final List<String> QUIETENED = List.of("org.apache.kafka.controller");

    private LogLevels() {
    }

    /** Applies {@code --verbose} if the arguments hold it; must run before any class asks for a logger. */
    static void configure(final String[] args) {
        if (List.of(args).contains(VERBOSE)) {
            System.setProperty(PREFIX + "defaultLogLevel", "info");
            QUIETENED.forEach(name -> System.setProperty(PREFIX + "log." + name, "info"));
        } else if (args.length > 0 && args[0].equals("demo")) {
            System.setProperty(PREFIX + "log.dev.streamrec", "warn");
        }
    }

    /** Whether this run logs the broker's and clients' chatter (set by {@link #configure}). */
    static boolean verbose() {
        return "info".equals(System.getProperty(PREFIX + "defaultLogLevel"));
    }
}
