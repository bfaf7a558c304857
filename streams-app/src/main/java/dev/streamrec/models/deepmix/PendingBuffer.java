package dev.streamrec.models.deepmix;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * The examples of the mini-batch being filled, with the bookkeeping to persist them: positions added since the
 * last drain are written, positions of a trained batch are deleted.
 *
 * @param <T> example type
 */
final class PendingBuffer<T> {
    private final int capacity;
    private final List<T> items = new ArrayList<>();
    private final boolean[] unsaved;
    private int deleteUpTo;

    PendingBuffer(final int capacity) {
        this.capacity = capacity;
        this.unsaved = new boolean[capacity];
    }

    void add(final T item) {
        if (items.size() == capacity) {
            throw new IllegalStateException("mini-batch buffer already holds " + capacity + " examples");
        }
        unsaved[items.size()] = true;
        items.add(item);
    }

    boolean isFull() {
        return items.size() == capacity;
    }

    int size() {
        return items.size();
    }

    List<T> items() {
        return items;
    }

    /** Forgets the buffered examples after their batch trained; their stored copies are deleted on the next drain. */
    void clear() {
        deleteUpTo = Math.max(deleteUpTo, items.size());
        items.clear();
        java.util.Arrays.fill(unsaved, false);
    }

    /** Deletes positions of trained batches not refilled since, then writes the positions added since the previous drain. */
    void drain(final IntConsumer delete, final BiConsumer<Integer, T> put) {
        for (int p = items.size(); p < deleteUpTo; p++) {
            delete.accept(p);
        }
        deleteUpTo = 0;
        for (int p = 0; p < items.size(); p++) {
            if (unsaved[p]) {
                put.accept(p, items.get(p));
                unsaved[p] = false;
            }
        }
    }

    /** Marks every buffered example unsaved, so the next drain writes them all. */
    void markAllUnsaved() {
        java.util.Arrays.fill(unsaved, 0, items.size(), true);
    }

    /** Puts a stored example back at its position (positions may arrive in any order). */
    void restore(final int position, final T item) {
        if (position < 0 || position >= capacity) {
            throw new IllegalArgumentException("pending position " + position + " outside batch of " + capacity);
        }
        while (items.size() <= position) {
            items.add(null);
        }
        items.set(position, item);
    }
}
