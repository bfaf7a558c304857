package dev.streamrec.cli;

import java.io.PrintStream;

/** A one-line text progress bar redrawn at every whole percent. */
final class ProgressBar {
    private static final int WIDTH = 40;
    private final PrintStream out;
    private final long total;
    private long done;
    private long lastPercent = -1;

    ProgressBar(final PrintStream out, final long total) {
        this.out = out;
        this.total = Math.max(total, 1);
    }

    void step() {
        done++;
        final long percent = done * 100 / total;
        if (percent != lastPercent) {
            lastPercent = percent;
            final int filled = (int) (percent * WIDTH / 100);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% " + done + "/"
                + total);
            out.flush();
        }
    }

    void done() {
        out.println();
    }
}
