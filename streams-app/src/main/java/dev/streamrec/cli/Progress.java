package dev.streamrec.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Progress of one long piece of work, counted in items (events, records): a one-line display redrawn in place at
 * most every {@value #REDRAW_MILLIS} ms with items done, items/s, the share of the total and the ETA (when the
 * total is known) and any running metrics; then one summary line. When not {@code live} (output not a terminal,
 * or {@code --no-progress}) only the summary line is printed.
 *
 * <p>The display reads the wall clock; nothing it shows feeds back into the work, so outputs stay deterministic.
 */
final class Progress {
    static final int REDRAW_MILLIS = 250;
    private static final int BAR_WIDTH = 20;

    private final PrintStream out;
    private final String label;
    private final String unit;
    private final boolean live;
    private final LongSupplier clock;
    private final int width;
    private final long started;
    private volatile long total;
    private volatile long done;
    private volatile Supplier<String> metrics = () -> "";
    private long nextDraw;
    private int drawnWidth;

    /**
     * @param total items to do, or 0 or less when unknown (then no bar and no ETA)
     * @param live  whether to redraw the line as the work goes (see {@link ProgressOptions#live()})
     */
    Progress(final PrintStream out, final String label, final String unit, final long total, final boolean live) {
        this(out, label, unit, total, live, System::nanoTime, live ? TerminalWidth.columns() : Integer.MAX_VALUE);
    }

    /** As above, reading time (in nanoseconds) from {@code clock}; lines are cut to {@code width - 1} characters. */
    Progress(final PrintStream out, final String label, final String unit, final long total, final boolean live,
             final LongSupplier clock, final int width) {
        this.width = width;
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.live = live;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.nextDraw = started;
    }

    /** Sets the total once it is known (or changes). */
    void total(final long items) {
        this.total = items;
    }

    /** Sets what the line shows after the counts, e.g. running metrics; asked for at each redraw only. */
    void metrics(final Supplier<String> text) {
        this.metrics = text;
    }

    /** One more item done. */
    void step() {
        update(done + 1);
    }

    /** {@code items} done so far; redraws if it is time. */
    void update(final long items) {
        this.done = items;
        if (live) {
            final long now = clock.getAsLong();
            if (now >= nextDraw) {
                nextDraw = now + REDRAW_MILLIS * 1_000_000L;
                draw(now);
            }
        }
    }

    /** Prints a line of output above the progress line (which is redrawn below it when live). */
    void println(final String text) {
        if (live && drawnWidth > 0) {
            out.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())) + System.lineSeparator());
            draw(clock.getAsLong());
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Items done so far. */
    long done() {
        return done;
    }

    /** Ends the display: a last redraw (when live), then the summary line with {@code detail} appended. */
    void finish(final String detail) {
        final long now = clock.getAsLong();
        if (live) {
            draw(now);
            out.println();
        }
        final double seconds = (now - started) / 1e9;
        out.printf(Locale.ROOT, "%s: %,d %s in %.1f s (%,.0f %s/s)%s%n", label, done, unit, seconds,
            seconds > 0 ? done / seconds : 0.0, unit, detail.isEmpty() ? "" : "; " + detail);
        out.flush();
    }

    private void draw(final long now) {
        final String full = line(now);
        // a line that wraps could not be redrawn in place by a carriage return
        final String line = full.length() < width ? full : full.substring(0, Math.max(0, width - 1));
        final int pad = Math.max(0, drawnWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        drawnWidth = line.length();
    }

    /** The text of the progress line at time {@code now}. */
    String line(final long now) {
        final double seconds = (now - started) / 1e9;
        final long items = done;
        final long all = total;
        final double rate = seconds > 0 ? items / seconds : 0.0;
        final StringBuilder sb = new StringBuilder(label).append(' ');
        if (all > 0) {
            final double share = Math.min(1.0, (double) items / all);
            final int filled = (int) Math.round(share * BAR_WIDTH);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3.0f%% %,d/%,d", share * 100, items, all));
        } else {
            sb.append(String.format(Locale.ROOT, "%,d %s", items, unit));
        }
        sb.append(String.format(Locale.ROOT, "  %,.0f %s/s  %s", rate, unit, clockTime(seconds)));
        if (all > 0 && items < all) {
            sb.append("  ETA ").append(rate > 0 ? clockTime((all - items) / rate) : "?");
        }
        final String extra = metrics.get();
        if (!extra.isEmpty()) {
            sb.append("  ").append(extra);
        }
        return sb.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clockTime(final double seconds) {
        final long s = (long) Math.floor(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
