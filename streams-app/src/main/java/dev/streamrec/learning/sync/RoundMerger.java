package dev.streamrec.learning.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the round deltas of every task into one merged round: per coordinate, row element and tensor element, the
 * sum of the tasks' deltas, added in ascending task-id order starting from zero; interaction histories' additions
 * one task's after another's, in the same order. The result depends only on the set
 * of deltas, never on the order they are given in (docs/shared-model.md, "What is shared").
 */
public final class RoundMerger {
    private RoundMerger() {
    }

    /**
     * @param deltas    exactly one delta of {@code round} from each task {@code 0 .. taskCount - 1}, in any order
     * @param taskCount the number of tasks (the partition count)
     */
    public static RoundDelta merge(final List<RoundDelta> deltas, final int taskCount, final long round) {
        final List<RoundDelta> sorted = new ArrayList<>(deltas);
        sorted.sort(Comparator.comparingInt(RoundDelta::task));
        if (sorted.size() != taskCount) {
            throw new IllegalArgumentException(sorted.size() + " deltas of round " + round + " for " + taskCount
                + " tasks");
        }
        final TreeSet<String> names = new TreeSet<>();
        for (int t = 0; t < taskCount; t++) {
            final RoundDelta delta = sorted.get(t);
            if (delta.task() != t || delta.round() != round) {
                throw new IllegalArgumentException("expected task " + t + "'s delta of round " + round + ", got task "
                    + delta.task() + "'s of round " + delta.round());
            }
            names.addAll(delta.parts().keySet());
        }
        final SortedMap<String, PartDelta> merged = new TreeMap<>();
        for (final String name : names) {
            final List<PartDelta> parts = new ArrayList<>();
            for (final RoundDelta delta : sorted) {
                final PartDelta part = delta.part(name);
                if (part != null) {
                    parts.add(part);
                }
            }
            merged.put(name, mergePart(name, parts));
        }
        return new RoundDelta(RoundDelta.MERGED, round, merged);
    }

    private static PartDelta mergePart(final String name, final List<PartDelta> parts) {
        final PartDelta first = parts.get(0);
        for (final PartDelta part : parts) {
            if (part.getClass() != first.getClass()) {
                throw new IllegalArgumentException("part " + name + " is " + first.getClass().getSimpleName()
                    + " in one task and " + part.getClass().getSimpleName() + " in another");
            }
        }
        if (first instanceof PartDelta.Ftrl) {
            return mergeFtrl(parts);
        }
        if (first instanceof PartDelta.Rows r) {
            return mergeRows(name, r.width(), parts);
        }
        if (first instanceof PartDelta.Additions) {
            return mergeAdditions(parts);
        }
        return mergeDense(name, ((PartDelta.Dense) first).delta().length, parts);
    }

    private static PartDelta.Ftrl mergeFtrl(final List<PartDelta> parts) {
        final TreeMap<Integer, double[]> sums = new TreeMap<>();
        for (final PartDelta part : parts) {
            final PartDelta.Ftrl f = (PartDelta.Ftrl) part;
            for (int k = 0; k < f.index().length; k++) {
                final double[] sum = sums.computeIfAbsent(f.index()[k], i -> new double[2]);
                sum[0] += f.dz()[k];
                sum[1] += f.dn()[k];
            }
        }
        final int[] index = new int[sums.size()];
        final double[] dz = new double[index.length];
        final double[] dn = new double[index.length];
        int k = 0;
        for (final var e : sums.entrySet()) {
            index[k] = e.getKey();
            dz[k] = e.getValue()[0];
            dn[k] = e.getValue()[1];
            k++;
        }
        return new PartDelta.Ftrl(index, dz, dn);
    }

    /** A merged row: the summed delta, and the origin of the lowest task id that created it. */
    private record MergedRow(float[] delta, float[] origin, boolean[] created) {
    }

    private static PartDelta.Rows mergeRows(final String name, final int width, final List<PartDelta> parts) {
        final TreeMap<Long, MergedRow> rows = new TreeMap<>();
        for (final PartDelta part : parts) {
            final PartDelta.Rows r = (PartDelta.Rows) part;
            if (r.width() != width) {
                throw new IllegalArgumentException("part " + name + " has rows of width " + width + " and "
                    + r.width());
            }
            for (int k = 0; k < r.keys().length; k++) {
                final MergedRow row = rows.computeIfAbsent(r.keys()[k],
                    key -> new MergedRow(new float[width], new float[width], new boolean[1]));
                final int base = k * width;
                for (int j = 0; j < width; j++) {
                    row.delta()[j] += r.delta()[base + j];
                }
                if (r.created()[k] && !row.created()[0]) {
                    row.created()[0] = true;
                    System.arraycopy(r.origin(), base, row.origin(), 0, width);
                }
            }
        }
        final long[] keys = new long[rows.size()];
        final float[] delta = new float[keys.length * width];
        final float[] origin = new float[delta.length];
        final boolean[] created = new boolean[keys.length];
        int k = 0;
        for (final var e : rows.entrySet()) {
            keys[k] = e.getKey();
            System.arraycopy(e.getValue().delta(), 0, delta, k * width, width);
            System.arraycopy(e.getValue().origin(), 0, origin, k * width, width);
            created[k] = e.getValue().created()[0];
            k++;
        }
        return new PartDelta.Rows(width, keys, delta, created, origin);
    }

    /** Every task's additions, task after task in ascending id order (the parts are given in that order). */
    private static PartDelta.Additions mergeAdditions(final List<PartDelta> parts) {
        int total = 0;
        for (final PartDelta part : parts) {
            total += ((PartDelta.Additions) part).owners().length;
        }
        final long[] owners = new long[total];
        final int[] members = new int[total];
        int at = 0;
        for (final PartDelta part : parts) {
            final PartDelta.Additions a = (PartDelta.Additions) part;
            System.arraycopy(a.owners(), 0, owners, at, a.owners().length);
            System.arraycopy(a.members(), 0, members, at, a.members().length);
            at += a.owners().length;
        }
        return new PartDelta.Additions(owners, members);
    }

    private static PartDelta.Dense mergeDense(final String name, final int length, final List<PartDelta> parts) {
        final float[] sum = new float[length];
        for (final PartDelta part : parts) {
            final float[] d = ((PartDelta.Dense) part).delta();
            if (d.length != length) {
                throw new IllegalArgumentException("part " + name + " has " + length + " and " + d.length
                    + " elements");
            }
            for (int i = 0; i < length; i++) {
                sum[i] += d[i];
            }
        }
        return new PartDelta.Dense(sum);
    }
}
