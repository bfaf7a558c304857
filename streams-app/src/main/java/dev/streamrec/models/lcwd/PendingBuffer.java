package dev.streamrec.models.lcwd;

import dev.streamrec.features.Example;
import dev.streamrec.features.Task;
import dev.streamrec.models.ParameterSink;
import java.util.Arrays;

/**
 * The examples of one task waiting for the next mini-batch step, persisted one entry per position so that a
 * restart neither loses nor repeats an example: positions written since the last drain are put, positions that
 * were stored but are no longer buffered (the batch trained) are deleted.
 */
final class PendingBuffer {
    private final Task task;
    private final Example[] items;
    private int size;
    /** Positions [0, stored) exist in the store. */
    private int stored;
    /** Positions [0, clean) in the store hold exactly items[0, clean). */
    private int clean;
    private boolean restored;

    PendingBuffer(final Task task, final int capacity) {
        this.task = task;
        this.items = new Example[capacity];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == items.length;
    }

    /** The buffered examples in positions [0, size); do not modify. */
    Example[] items() {
        return items;
    }

    /** Appends an example the caller no longer mutates (a copy). */
    void add(final Example example) {
        checkRestored();
        items[size++] = example;
    }

    /** Empties the buffer after its mini-batch step. */
    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
        clean = 0;
    }

    void drain(final ParameterSink sink) {
        for (int p = clean; p < size; p++) {
            sink.put(LcwdStateCodec.pendingKey(task, p), LcwdStateCodec.encodeExample(items[p]));
        }
        for (int p = size; p < stored; p++) {
            sink.delete(LcwdStateCodec.pendingKey(task, p));
        }
        stored = size;
        clean = size;
    }

    /** Puts back the example persisted at {@code position}; positions may arrive in any order. */
    void restore(final int position, final Example example) {
        if (position < 0 || position >= items.length) {
            throw new IllegalArgumentException("pending " + task + " example at position " + position
                + " does not fit a mini-batch of " + items.length + " (was the batch size reduced?)");
        }
        if (example.task() != task) {
            throw new IllegalArgumentException("pending example of task " + example.task() + " stored under " + task);
        }
        items[position] = example;
        size = Math.max(size, position + 1);
        stored = size;
        clean = size;
        restored = true;
    }

    /** After a restore, every position below the highest restored one must have been restored too. */
    void checkRestored() {
        if (!restored) {
            return;
        }
        for (int p = 0; p < size; p++) {
            if (items[p] == null) {
                throw new IllegalStateException("pending " + task + " mini-batch restored with a gap at position "
                    + p + " of " + size + "; the stored state is incomplete");
            }
        }
        restored = false;
    }
}
