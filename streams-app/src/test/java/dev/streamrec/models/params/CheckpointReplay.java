package dev.streamrec.models.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.Example;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.TensorSink;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The checkpoint contract every model keeps: drained every K events (K random), restored into a fresh model at some
 * of those checkpoints, and continued, a model predicts bit-identically to one that never stopped and ends with
 * the same persisted state and the same exported tensors.
 */
public final class CheckpointReplay {
    private CheckpointReplay() {
    }

    /**
     * Runs {@code stream} prequentially through a never-restored model and through a chain of restored ones.
     *
     * @param maxK checkpoints come every 1..maxK events
     * @return the store the restored chain checkpointed into, after a final drain
     */
    public static StoreSink assertBitIdentical(final Supplier<? extends OnlineModel> fresh, final List<Example> stream,
                                               final int maxK, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final OnlineModel reference = fresh.get();
        OnlineModel current = fresh.get();
        final StoreSink store = new StoreSink();
        int untilCheckpoint = 1 + random.nextInt(maxK);
        int restores = 0;
        for (int t = 0; t < stream.size(); t++) {
            final Example e = stream.get(t);
            assertEquals(Double.doubleToRawLongBits(reference.predict(e)), Double.doubleToRawLongBits(current.predict(e)),
                "prediction of event " + t + " after " + restores + " restores");
            reference.learn(e);
            current.learn(e);
            if (--untilCheckpoint == 0) {
                current.drainChanges(store);
                if (random.nextBoolean()) {
                    current = store.restoreInto(fresh.get(), random.nextLong());
                    restores++;
                }
                untilCheckpoint = 1 + random.nextInt(maxK);
            }
        }
        assertTrue(restores > 0, "the stream is long enough for a restore");
        current.drainChanges(store);
        final StoreSink whole = new StoreSink();
        reference.drainChanges(whole);
        assertEquals(whole.entries.keySet(), store.entries.keySet(), "persisted keys");
        for (final Map.Entry<String, byte[]> entry : whole.entries.entrySet()) {
            assertArrayEquals(entry.getValue(), store.entries.get(entry.getKey()), "persisted " + entry.getKey());
        }
        assertEquals(reference.version(), current.version());
        assertEquals(reference.parameterCount(), current.parameterCount());
        assertEquals(tensors(reference), tensors(current), "exported tensors");
        return store;
    }

    /** Every exported tensor as name to raw bits text. */
    public static Map<String, String> tensors(final OnlineModel model) {
        final Map<String, String> out = new TreeMap<>();
        model.exportTensors(new TensorSink() {
            @Override
            public void dense(final String name, final int[] shape, final double[] values) {
                out.put(name, java.util.Arrays.toString(shape) + bits(values));
            }

            @Override
            public void sparse(final String name, final long[] keys, final int width, final double[] values) {
                out.put(name, java.util.Arrays.toString(keys) + width + bits(values));
            }
        });
        return out;
    }

    private static String bits(final double[] values) {
        final StringBuilder sb = new StringBuilder();
        for (final double v : values) {
            sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(',');
        }
        return sb.toString();
    }
}
