package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(0);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldShowDoneRateShareAndEtaWhenTheTotalIsKnown() {
        final Progress progress = new Progress(out, "load", "events", 1000, true, now::get, 200);
        now.set(2 * SECOND);
        progress.update(250);
        assertEquals("load [#####               ]  25% 250/1,000  125 events/s  0:02  ETA 0:06", progress.line(now.get()));
    }

    @Test
    void shouldShowCountAndRateOnlyWhenTheTotalIsUnknown() {
        final Progress progress = new Progress(out, "replay", "events", 0, true, now::get, 200);
        now.set(4 * SECOND);
        progress.update(2000);
        progress.metrics(() -> "AUC lr 0.700");
        assertEquals("replay 2,000 events  500 events/s  0:04  AUC lr 0.700", progress.line(now.get()));
    }

    @Test
    void shouldPrintOnlyTheSummaryLineWhenNotLive() {
        final Progress progress = new Progress(out, "load", "events", 10, false, now::get, 200);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(SECOND);
            progress.step();
        }
        progress.finish("published 3 profiles");
        assertEquals("load: 10 events in 10.0 s (1 events/s); published 3 profiles" + System.lineSeparator(),
            printed());
    }

    @Test
    void shouldRedrawInPlaceAtMostEveryRedrawIntervalAndEndWithTheSummary() {
        final Progress progress = new Progress(out, "load", "events", 100, true, now::get, 200);
        for (int i = 0; i < 100; i++) {
            now.addAndGet(Progress.REDRAW_MILLIS * 1_000_000L / 10);
            progress.step();
        }
        progress.finish("");
        final String text = printed();
        final long redraws = text.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 12, "redraws: " + redraws);
        assertTrue(text.endsWith("load: 100 events in 2.5 s (40 events/s)" + System.lineSeparator()), text);
    }

    @Test
    void shouldCutLinesToTheTerminalWidthSoThatTheyDoNotWrap() {
        final Progress progress = new Progress(out, "evaluate", "events", 0, true, now::get, 30);
        progress.metrics(() -> "AUC lr 0.700 lcwd 0.710 deepmix 0.720");
        now.set(SECOND);
        progress.update(5);
        final String drawn = printed();
        assertFalse(drawn.contains("\n"));
        assertEquals(29, drawn.replace("\r", "").length());
    }

    @Test
    void shouldFormatClockTimes() {
        assertEquals("0:07", Progress.clockTime(7.9));
        assertEquals("2:05", Progress.clockTime(125));
        assertEquals("1:01:01", Progress.clockTime(3661));
    }
}
