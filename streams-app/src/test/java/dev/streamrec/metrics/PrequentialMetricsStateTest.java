package dev.streamrec.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.streamrec.features.Task;
import org.junit.jupiter.api.Test;

/** Persisted prequential metric state: round trip, bit-identical continuation, rejection of unknown state. */
class PrequentialMetricsStateTest {
    private static final int WINDOW = 50;

    /** Latest value per key, as a changelogged store keeps it. */
    private static final class MapSink implements MetricStateSink {
        final Map<String, byte[]> entries = new TreeMap<>();

        @Override
        public void put(final String key, final byte[] value) {
            entries.put(key, value);
        }
    }

    /** Events {@code from..to-1} of a seeded stream: clicks and ratings mixed, scores with ties (2 decimals). */
    private static void feed(final PrequentialMetrics metrics, final int from, final int to) {
        final Random random = new Random(7);
        for (int n = 0; n < to; n++) {
            final boolean click = random.nextInt(3) > 0;
            final double score = Math.round(random.nextDouble() * 100) / 100.0;
            final double label = click ? (random.nextDouble() < score ? 1 : 0) : 1 + random.nextInt(5);
            if (n >= from) {
                metrics.record(click ? Task.CLICK : Task.RATING, label, click ? score : 1 + 4 * score);
                if (n % 13 == 12) {
                    metrics.flush(); // a checkpoint now and then, as the topology's
                }
            }
        }
        metrics.flush();
    }

    private static void assertBitIdentical(final MetricsSnapshot expected, final MetricsSnapshot actual) {
        assertEquals(expected.clickCount(), actual.clickCount(), "clicks");
        assertEquals(expected.ratingCount(), actual.ratingCount(), "ratings");
        assertEquals(expected.aucWindowSize(), actual.aucWindowSize(), "AUC window size");
        assertEquals(Double.doubleToRawLongBits(expected.auc()), Double.doubleToRawLongBits(actual.auc()), "AUC");
        assertEquals(Double.doubleToRawLongBits(expected.logLoss()), Double.doubleToRawLongBits(actual.logLoss()),
            "log loss");
        assertEquals(Double.doubleToRawLongBits(expected.mae()), Double.doubleToRawLongBits(actual.mae()), "MAE");
        assertEquals(Double.doubleToRawLongBits(expected.rmse()), Double.doubleToRawLongBits(actual.rmse()), "RMSE");
    }

    @Test
    void shouldRoundTripItsStateThroughTheSink() {
        final MapSink sink = new MapSink();
        final PrequentialMetrics original = new PrequentialMetrics("lr", WINDOW, sink);
        feed(original, 0, 200); // more clicks than the window: the ring has wrapped
        assertEquals(4 + WINDOW, sink.entries.size(), "logloss, mae, rmse, auc summary and one entry per slot");

        final MapSink copySink = new MapSink();
        final PrequentialMetrics restored = new PrequentialMetrics("lr", WINDOW, copySink);
        restored.restore(sink.entries);
        assertBitIdentical(original.snapshot(), restored.snapshot());
        assertTrue(original.snapshot().auc() > 0.5, "the seeded stream's AUC: " + original.snapshot().auc());
    }

    @Test
    void shouldContinueBitIdenticallyAfterARestore() {
        final MapSink uninterruptedSink = new MapSink();
        final PrequentialMetrics uninterrupted = new PrequentialMetrics("lr", WINDOW, uninterruptedSink);
        feed(uninterrupted, 0, 300);

        for (final int cut : new int[] {0, 1, 30, 77, 299}) {
            final MapSink sink = new MapSink();
            feed(new PrequentialMetrics("lr", WINDOW, sink), 0, cut);
            final PrequentialMetrics restarted = new PrequentialMetrics("lr", WINDOW, sink);
            restarted.restore(new HashMap<>(sink.entries));
            feed(restarted, cut, 300);
            assertBitIdentical(uninterrupted.snapshot(), restarted.snapshot());
            assertEquals(uninterruptedSink.entries.keySet(), sink.entries.keySet(), "state keys, cut at " + cut);
            for (final String key : sink.entries.keySet()) {
                assertArrayEquals(uninterruptedSink.entries.get(key), sink.entries.get(key),
                    "state " + key + ", cut at " + cut);
            }
        }
    }

    @Test
    void shouldRejectAnUnknownFormatVersion() {
        final MapSink sink = new MapSink();
        feed(new PrequentialMetrics("lr", WINDOW, sink), 0, 20);
        for (final String key : new String[] {LogLoss.KIND, SlidingWindowAuc.KIND, SlidingWindowAuc.slotKey(0),
            MeanAbsoluteError.KIND, RootMeanSquaredError.KIND}) {
            final Map<String, byte[]> state = new HashMap<>(sink.entries);
            final byte[] future = state.get(key).clone();
            future[0] = 9;
            state.put(key, future);
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrequentialMetrics("lr", WINDOW).restore(state));
            assertTrue(e.getMessage().contains("format version 9") && e.getMessage().contains("reads version 1"),
                e.getMessage());
        }
    }

    @Test
    void shouldRejectUnknownKeysTruncatedValuesAndAnotherWindow() {
        final MapSink sink = new MapSink();
        feed(new PrequentialMetrics("lr", WINDOW, sink), 0, 20);
        final Map<String, byte[]> unknown = new HashMap<>(sink.entries);
        unknown.put("f1-micro", new byte[] {1});
        assertThrows(IllegalArgumentException.class, () -> new PrequentialMetrics("lr", WINDOW).restore(unknown));
        final Map<String, byte[]> truncated = new HashMap<>(sink.entries);
        truncated.put(LogLoss.KIND, new byte[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> new PrequentialMetrics("lr", WINDOW).restore(truncated));
        final Map<String, byte[]> missingSlot = new HashMap<>(sink.entries);
        missingSlot.remove(SlidingWindowAuc.slotKey(3));
        assertThrows(IllegalArgumentException.class,
            () -> new PrequentialMetrics("lr", WINDOW).restore(missingSlot));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new PrequentialMetrics("lr", WINDOW + 1).restore(sink.entries));
        assertTrue(e.getMessage().contains("window"), e.getMessage());
    }

    @Test
    void shouldStayEmptyWhenRestoredFromNothing() {
        final PrequentialMetrics metrics = new PrequentialMetrics("lr", WINDOW);
        metrics.restore(Map.of());
        assertBitIdentical(new PrequentialMetrics("lr", WINDOW).snapshot(), metrics.snapshot());
    }

    /** Items {@code from..to-1}: 4 genre probabilities and 1 or 2 true genres each, seeded. */
    private static void feedItems(final PrequentialMetrics metrics, final int from, final int to) {
        final Random random = new Random(11);
        for (int n = 0; n < to; n++) {
            final double[] probabilities = {random.nextDouble(), random.nextDouble(), random.nextDouble(),
                random.nextDouble()};
            final int[] truth = random.nextBoolean() ? new int[] {random.nextInt(4)} : new int[] {0, 3};
            if (n >= from) {
                metrics.recordItem(probabilities, truth);
            }
        }
        metrics.flush(); // the checkpoint after the items
    }

    @Test
    void shouldContinueGenreF1BitIdenticallyAfterARestore() {
        final PrequentialMetrics uninterrupted = new PrequentialMetrics("deepmix", WINDOW, new MapSink());
        feedItems(uninterrupted, 0, 40);
        final MapSink sink = new MapSink();
        feedItems(new PrequentialMetrics("deepmix", WINDOW, sink), 0, 17);
        final PrequentialMetrics restarted = new PrequentialMetrics("deepmix", WINDOW, sink);
        restarted.restore(sink.entries);
        feedItems(restarted, 17, 40);
        final MetricsSnapshot expected = uninterrupted.snapshot();
        final MetricsSnapshot actual = restarted.snapshot();
        assertEquals(40, actual.itemCount());
        assertEquals(Double.doubleToRawLongBits(expected.microF1()), Double.doubleToRawLongBits(actual.microF1()));
        assertEquals(Double.doubleToRawLongBits(expected.macroF1()), Double.doubleToRawLongBits(actual.macroF1()));
        final byte[] future = sink.entries.get(MultiLabelF1.KIND).clone();
        future[0] = 2;
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new PrequentialMetrics("deepmix", WINDOW).restore(Map.of(MultiLabelF1.KIND, future)));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    }
}
