package dev.streamrec.learning.sync;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one task learned in the shared parameters during one round ({@code task >= 0}), or the merged round of all
 * tasks ({@code task == }{@link #MERGED}). Parts are named {@code <model>/<part>} and sorted by name; a part that
 * did not change is absent.
 */
public record RoundDelta(int task, long round, SortedMap<String, PartDelta> parts) {
    /** The task id of a merged round. */
    public static final int MERGED = -1;

    public RoundDelta {
        if (task < MERGED) {
            throw new IllegalArgumentException("task id " + task + " is negative");
        }
        parts = Collections.unmodifiableSortedMap(new TreeMap<>(parts));
    }

    /** The part's delta, or null when it did not change. */
    public PartDelta part(final String name) {
        return parts.get(name);
    }
}
