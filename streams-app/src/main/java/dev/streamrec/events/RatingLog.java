package dev.streamrec.events;

import java.util.Arrays;

/**
 * The ratings of a MovieLens file in flat primitive arrays (about 28 bytes a rating), with a stable sort by time.
 * Not thread-safe; filled once, sorted once, then read only.
 */
final class RatingLog {
    private int size;
    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private float[] ratings = new float[1024];
    private long[] seconds = new long[1024];
    private long[] lines = new long[1024];
    private int[] order;

    /** Appends one rating in file order. */
    void add(final int user, final int item, final float rating, final long epochSecond, final long lineNumber) {
        if (size == users.length) {
            final int capacity = size * 2;
            users = Arrays.copyOf(users, capacity);
            items = Arrays.copyOf(items, capacity);
            ratings = Arrays.copyOf(ratings, capacity);
            seconds = Arrays.copyOf(seconds, capacity);
            lines = Arrays.copyOf(lines, capacity);
        }
        users[size] = user;
        items[size] = item;
        ratings[size] = rating;
        seconds[size] = epochSecond;
        lines[size] = lineNumber;
        size++;
    }

    /** Orders the ratings by timestamp, ties kept in file order (a bottom-up merge sort of an index array). */
    void sortByTime() {
        int[] src = new int[size];
        for (int i = 0; i < size; i++) {
            src[i] = i;
        }
        int[] dst = new int[size];
        for (int width = 1; width < size; width *= 2) {
            for (int lo = 0; lo < size; lo += 2 * width) {
                final int mid = Math.min(lo + width, size);
                final int hi = Math.min(lo + 2 * width, size);
                merge(src, dst, lo, mid, hi);
            }
            final int[] swap = src;
            src = dst;
            dst = swap;
        }
        order = src;
    }

    private void merge(final int[] src, final int[] dst, final int lo, final int mid, final int hi) {
        int left = lo;
        int right = mid;
        for (int k = lo; k < hi; k++) {
            // Take from the left run on ties: this keeps the sort stable.
            if (left < mid && (right >= hi || seconds[src[left]] <= seconds[src[right]])) {
                dst[k] = src[left++];
            } else {
                dst[k] = src[right++];
            }
        }
    }

    int size() {
        return size;
    }

    /** File-order index of the {@code rank}-th rating in time order. */
    private int at(final int rank) {
        return order == null ? rank : order[rank];
    }

    int user(final int rank) {
        return users[at(rank)];
    }

    int item(final int rank) {
        return items[at(rank)];
    }

    float rating(final int rank) {
        return ratings[at(rank)];
    }

    long epochSecond(final int rank) {
        return seconds[at(rank)];
    }

    long lineNumber(final int rank) {
        return lines[at(rank)];
    }
}
