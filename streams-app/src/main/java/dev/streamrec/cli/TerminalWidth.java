package dev.streamrec.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The width of the controlling terminal, for progress lines that must not wrap. */
final class TerminalWidth {
    static final int FALLBACK = 80;

    private TerminalWidth() {
    }

    /** {@code $COLUMNS} if exported, else what {@code stty size} says of {@code /dev/tty}, else {@value #FALLBACK}. */
    static int columns() {
        final Integer fromEnv = parse(System.getenv("COLUMNS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        final File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return FALLBACK;
        }
        try {
            final Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String printed = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                return FALLBACK;
            }
            final String[] rowsAndColumns = printed.trim().split("\\s+");
            final Integer columns = rowsAndColumns.length == 2 ? parse(rowsAndColumns[1]) : null;
            return columns != null ? columns : FALLBACK;
        } catch (final IOException e) {
            return FALLBACK;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return FALLBACK;
        }
    }

    private static Integer parse(final String text) {
        if (text == null) {
            return null;
        }
        try {
            final int value = Integer.parseInt(text.trim());
            return value > 10 ? value : null;
        } catch (final NumberFormatException e) {
            return null;
        }
    }
}
