package dev.streamrec.state;

import java.util.ArrayList;
import java.util.List;

import dev.streamrec.metrics.MetricStateSink;
import dev.streamrec.models.ParameterSink;

/**
 * Holds back every store write of one record until the record has been processed whole, so that a record whose
 * processing throws leaves no trace in any store: {@link #commit()} applies the writes in the order they were made,
 * {@link #discard()} forgets them. The stores themselves are only touched by {@code commit}.
 */
public final class StagedWrites {
    private final List<Runnable> pending = new ArrayList<>();

    /** A sink that stages {@code target}'s puts and deletes here. */
    public ParameterSink staging(final ParameterSink target) {
        return new ParameterSink() {
            @Override
            public void put(final byte[] key, final byte[] value) {
                pending.add(() -> target.put(key, value));
            }

            @Override
            public void delete(final byte[] key) {
                pending.add(() -> target.delete(key));
            }
        };
    }

    /** A metric sink that stages {@code target}'s puts here. */
    public MetricStateSink staging(final MetricStateSink target) {
        return (key, value) -> pending.add(() -> target.put(key, value));
    }

    /** Applies the staged writes in order and forgets them. */
    public void commit() {
        for (final Runnable write : pending) {
            write.run();
        }
        pending.clear();
    }

    /** Forgets the staged writes without applying them. */
    public void discard() {
        pending.clear();
    }

    /** The number of writes waiting. */
    public int size() {
        return pending.size();
    }
}
