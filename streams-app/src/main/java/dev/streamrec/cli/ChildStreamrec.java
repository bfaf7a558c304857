package dev.streamrec.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code streamrec run} in a child JVM of this one (same java, same class path), every property passed as
 * {@code --set key=value}, its output (streamrec logs to stderr) written to a log file (replaced, not appended to).
 * It can be killed with SIGKILL ({@link Process#destroyForcibly()}, signal 9 on Linux: no shutdown hook, no commit,
 * no flush), the crash the restore measurement needs. {@link #close()} leaves no child behind.
 */
final class ChildStreamrec implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Thread reaper;

    private ChildStreamrec(final Process process, final Path log) {
        this.process = process;
        this.log = log;
        // Should this JVM be stopped first (Ctrl-C), take the child down with it.
        this.reaper = new Thread(process::destroyForcibly, "kill-streamrec-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts {@code streamrec run --http-port -1} with {@code properties}, logging to {@code log}. */
    static ChildStreamrec start(final Map<String, String> properties, final Path log) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // JVM options such as --enable-native-access or --sun-misc-unsafe-memory-access apply to the child too;
        // -X/-XX options (heap, flight recordings) stay with this JVM.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(arg -> arg.startsWith("--")).forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StreamrecCommand.class.getName());
        command.add("run");
        command.add("--http-port");
        command.add("-1");
        properties.forEach((key, value) -> {
            command.add("--set");
            command.add(key + "=" + value);
        });
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return new ChildStreamrec(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start(), log);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start streamrec run in a child JVM", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGKILL and waits for the process to die; returns its exit status (137 after SIGKILL). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Everything the child has logged so far. */
    List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("streamrec child " + process.pid() + " did not exit within 60 s");
        }
        return process.exitValue();
    }

    /** Stops the child with SIGTERM (its shutdown hook closes Kafka Streams), SIGKILL after 60 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (final IllegalStateException shuttingDown) {
            // The JVM is already shutting down; the hook kills the child if it is still there.
        }
    }
}
