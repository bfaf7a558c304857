package dev.streamrec.cli;

import java.io.Console;
import java.lang.reflect.Method;

import picocli.CommandLine.Option;

/**
 * {@code --progress} / {@code --no-progress}: whether long commands redraw a progress line. By default they do when
 * the output is a terminal, and print only their summary lines otherwise (CI logs, pipes, files).
 */
final class ProgressOptions {
    @Option(names = "--progress", negatable = true,
        description = "Redraw a progress line as the work goes (default: only when the output is a terminal).")
    Boolean progress;

    /** Whether to redraw the progress line. */
    boolean live() {
        return progress != null ? progress : terminal();
    }

    /**
     * Whether standard input and output are a terminal: on JDK 17-21 exactly when {@link System#console()} exists;
     * from JDK 22 on, when that console says {@code isTerminal()} (it then exists for redirected output too).
     */
    static boolean terminal() {
        final Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            final Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (final ReflectiveOperationException e) {
            return true;
        }
    }
}
