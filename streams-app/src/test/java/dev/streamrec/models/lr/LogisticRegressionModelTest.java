package dev.streamrec.models.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.params.CheckpointReplay;
import dev.streamrec.models.params.StateCodec;
import dev.streamrec.models.params.StoreSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionModelTest {
    static final int BITS = 10;

    static LogisticRegressionModel newModel() {
        return new LogisticRegressionModel(new FtrlConfig(0.1, 1.0, 0.1, 1.0), BITS, 1.0, 5.0);
    }

    static Example example(final Task task, final double label, final int... indices) {
        final SparseFeatures x = new SparseFeatures(indices.length + 1);
        x.add(0, 1f, 0);
        for (final int i : indices) {
            x.add(i, 1f, 1);
        }
        return new Example(task, label, "u", "i", 0L, x, new SparseFeatures(1));
    }

    /** A fixed stream of 40 events mixing both tasks (the golden file was written from exactly this stream). */
    static List<Example> fixedStream() {
        final SplittableRandom random = new SplittableRandom(2024);
        final List<Example> events = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            final int a = 1 + random.nextInt(20);
            final int b = 100 + random.nextInt(20);
            events.add(t % 2 == 0
                ? example(Task.CLICK, a % 3 == 0 ? 1.0 : 0.0, a, b)
                : example(Task.RATING, 1 + (a % 5), a, b));
        }
        return events;
    }

    @Test
    void shouldScoreBeforeLearningWithoutChangingState() {
        final LogisticRegressionModel model = newModel();
        final Example click = example(Task.CLICK, 1.0, 5, 6);
        final Example rating = example(Task.RATING, 4.0, 5, 6);
        assertEquals(0.5, model.predict(click));
        assertEquals(1.0, model.predict(rating), "mean 0 before any rating, clamped to minRating");
        fixedStream().forEach(model::learn);
        model.drainChanges(new StoreSink());
        final long version = model.version();
        final double p1 = model.predict(click);
        final double r1 = model.predict(rating);
        final StoreSink changes = new StoreSink();
        model.drainChanges(changes);
        assertTrue(changes.entries.isEmpty(), "predict must not dirty any state");
        assertEquals(version, model.version());
        assertEquals(p1, model.predict(click));
        assertEquals(r1, model.predict(rating));
    }

    @Test
    void shouldMoveClickProbabilityTowardsTheLabel() {
        final LogisticRegressionModel model = newModel();
        final Example positive = example(Task.CLICK, 1.0, 7);
        for (int t = 0; t < 50; t++) {
            model.learn(positive);
        }
        assertTrue(model.predict(positive) > 0.7, "p = " + model.predict(positive));
        assertEquals(50, model.version());
        assertTrue(model.weight(Task.CLICK, 7) > 0);
        assertEquals(0.0, model.weight(Task.RATING, 7));
    }

    @Test
    void shouldPredictTheRunningMeanRatingAndClampIt() {
        final LogisticRegressionModel model = new LogisticRegressionModel(new FtrlConfig(0.1, 1, 100, 1), BITS, 1, 5);
        model.learn(example(Task.RATING, 4.0, 3));
        model.learn(example(Task.RATING, 5.0, 3));
        assertEquals(4.5, model.ratingMean());
        assertEquals(4.5, model.predict(example(Task.RATING, 0, 9)), "l1 100 keeps every weight at 0");
    }

    @Test
    void shouldPredictBitIdenticallyAfterDrainAndRestore() {
        final LogisticRegressionModel a = newModel();
        final StoreSink store = new StoreSink();
        for (final Example e : fixedStream()) {
            a.learn(e);
            a.drainChanges(store);
        }
        final LogisticRegressionModel b = store.restoreInto(newModel(), 3);
        assertEquals(a.version(), b.version());
        assertEquals(a.parameterCount(), b.parameterCount());
        for (final Example e : fixedStream()) {
            assertEquals(Double.doubleToRawLongBits(a.predict(e)), Double.doubleToRawLongBits(b.predict(e)));
        }
        // and both go on learning identically
        final Example next = example(Task.RATING, 2.0, 3, 104);
        a.learn(next);
        b.learn(next);
        assertEquals(Double.doubleToRawLongBits(a.predict(next)), Double.doubleToRawLongBits(b.predict(next)));
    }

    @Test
    void shouldRestoreGoldenBytesOfFormatVersionTwo() throws IOException {
        final LogisticRegressionModel model = newModel();
        final List<String> expected = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("lr-state-v2.txt")) {
            final String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (final String line : text.split("\n")) {
                final String[] parts = line.trim().split(" ");
                if (parts[0].equals("entry")) {
                    model.restore(HexFormat.of().parseHex(parts[1]), HexFormat.of().parseHex(parts[2]));
                } else if (parts[0].equals("predict")) {
                    expected.add(parts[1]);
                }
            }
        }
        assertEquals(40, model.version());
        final List<Example> events = fixedStream();
        for (int k = 0; k < events.size(); k++) {
            assertEquals(expected.get(k), Long.toHexString(Double.doubleToRawLongBits(model.predict(events.get(k)))),
                "prediction " + k);
        }
    }

    @Test
    void shouldRejectUnknownFormatVersionAndUnknownPart() {
        final LogisticRegressionModel model = newModel();
        final byte[] meta = StateCodec.bytes(out -> {
            out.writeLong(1);
            out.writeLong(1);
            out.writeDouble(3.0);
        });
        meta[0] = 9;
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> model.restore(StateCodec.key("meta", 0), meta));
        assertTrue(e.getMessage().contains("version 9") && e.getMessage().contains("version 2"), e.getMessage());
        meta[0] = StateCodec.FORMAT_VERSION;
        assertThrows(IllegalArgumentException.class, () -> model.restore(StateCodec.key("bias", 0), meta));
    }

    @Test
    void shouldContinueBitIdenticallyAfterRestoringCheckpointsTakenEveryRandomK() {
        final SplittableRandom random = new SplittableRandom(7);
        final List<Example> stream = new ArrayList<>();
        for (int t = 0; t < 3000; t++) {
            final int a = random.nextInt(1 << BITS);
            final int b = random.nextInt(1 << BITS);
            stream.add(random.nextBoolean() ? example(Task.CLICK, random.nextInt(2), a, b)
                : example(Task.RATING, 1 + random.nextInt(5), a, b));
        }
        CheckpointReplay.assertBitIdentical(LogisticRegressionModelTest::newModel, stream, 400, 11);
    }

    /** Prints the golden file content; run by hand when a new format version is introduced (keep the old file). */
    public static void main(final String[] args) {
        final LogisticRegressionModel model = newModel();
        final StoreSink store = new StoreSink();
        fixedStream().forEach(model::learn);
        model.drainChanges(store);
        store.entries.forEach((k, v) -> System.out.println("entry " + k + " " + HexFormat.of().formatHex(v)));
        fixedStream().forEach(e -> System.out.println("predict "
            + Long.toHexString(Double.doubleToRawLongBits(model.predict(e)))));
    }
}
