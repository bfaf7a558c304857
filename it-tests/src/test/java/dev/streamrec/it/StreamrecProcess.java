package dev.streamrec.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.streamrec.cli.StreamrecCommand;

/**
 * {@code streamrec run} in a child JVM on the test's classpath, its output appended to a log file. It can be
 * killed with SIGKILL ({@link Process#destroyForcibly()}, which on Linux sends signal 9: no shutdown hook runs, no
 * transaction commits, no state is flushed) or stopped with SIGTERM (the shutdown hook closes Kafka Streams).
 * {@link #close()} always leaves no child process behind.
 */
final class StreamrecProcess implements AutoCloseable {
    /** The exit status of a process killed by SIGKILL: 128 + 9. */
    static final int SIGKILL_EXIT = 137;

    private final Process process;

    private StreamrecProcess(final Process process) {
        this.process = process;
    }

    /** Starts {@code streamrec run} with every property as {@code --set key=value}, its endpoint on a free port. */
    static StreamrecProcess start(final Map<String, String> properties, final Path log) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(testClassPath());
        command.add(StreamrecCommand.class.getName());
        command.add("run");
        // The operations endpoint on an ephemeral port: several children (and other processes) may run at once.
        command.add("--http-port");
        command.add("0");
        properties.forEach((key, value) -> {
            command.add("--set");
            command.add(key + "=" + value);
        });
        Files.createDirectories(log.getParent());
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        // Should the test JVM itself be stopped (e.g. by failsafe's timeout), take the child down with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-streamrec-" + process.pid()));
        return new StreamrecProcess(process);
    }

    /** The test's class path (failsafe may run the tests from a manifest-only jar; it keeps the real path here). */
    static String testClassPath() {
        final String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Sends SIGKILL and waits for the process to die; returns its exit status. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Sends SIGTERM (a graceful stop: the shutdown hook closes Kafka Streams) and waits; returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("streamrec process " + process.pid() + " did not exit within 60 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
