package dev.streamrec.learning.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.streamrec.models.params.InteractionHistories;
import org.junit.jupiter.api.Test;

class HistorySyncTest {

    /** Histories under the same rule as DeepMix's: a held member changes nothing, a full history drops its oldest. */
    private static final class ListHistories implements InteractionHistories {
        private final int capacity;
        private final Map<Long, List<Integer>> lists = new HashMap<>();
        private List<long[]> additions;

        ListHistories(final int capacity) {
            this.capacity = capacity;
        }

        /** What the model does: tracked. */
        void record(final long owner, final int member) {
            if (additions != null) {
                additions.add(new long[] {owner, member});
            }
            add(owner, member);
        }

        @Override
        public void add(final long owner, final int member) {
            final List<Integer> list = lists.computeIfAbsent(owner, o -> new ArrayList<>());
            if (!list.contains(member)) {
                if (list.size() == capacity) {
                    list.remove(0);
                }
                list.add(member);
            }
        }

        int[] of(final long owner) {
            return lists.getOrDefault(owner, List.of()).stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public InteractionHistories copy() {
            final ListHistories copy = new ListHistories(capacity);
            lists.forEach((owner, list) -> copy.lists.put(owner, new ArrayList<>(list)));
            return copy;
        }

        @Override
        public void trackAdditions() {
            additions = new ArrayList<>();
        }

        @Override
        public Additions takeAdditions() {
            final Additions a = new Additions(additions.stream().mapToLong(x -> x[0]).toArray(),
                additions.stream().mapToInt(x -> (int) x[1]).toArray());
            additions.clear();
            return a;
        }

        @Override
        public int members(final long owner, final int[] out) {
            final int[] m = of(owner);
            System.arraycopy(m, 0, out, 0, m.length);
            return m.length;
        }

        @Override
        public void replace(final long owner, final int[] members, final int count) {
            final List<Integer> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(members[i]);
            }
            lists.put(owner, list);
        }

        @Override
        public void drain(final Blocks out) {
        }

        @Override
        public void restore(final int block, final DataInputStream in) {
        }

        @Override
        public void markAllDirty() {
        }
    }

    private static PartDelta merge(final PartDelta... deltas) {
        final List<RoundDelta> rounds = new ArrayList<>();
        for (int t = 0; t < deltas.length; t++) {
            rounds.add(new RoundDelta(t, 0, deltas[t] == null ? new java.util.TreeMap<>()
                : new java.util.TreeMap<>(Map.of("m/history", deltas[t]))));
        }
        return RoundMerger.merge(rounds, deltas.length, 0).part("m/history");
    }

    @Test
    void shouldGiveEveryTaskTheHistoryOfEveryTasksAdditionsInTaskOrder() {
        final ListHistories a = new ListHistories(5);
        final ListHistories b = new ListHistories(5);
        final HistorySync syncA = new HistorySync(a);
        final HistorySync syncB = new HistorySync(b);
        a.record(7, 1);
        a.record(7, 2);
        b.record(7, 3);
        b.record(7, 1);
        b.record(9, 4);
        final PartDelta ownA = syncA.extract();
        final PartDelta ownB = syncB.extract();
        final PartDelta merged = merge(ownA, ownB);

        syncA.apply(merged, ownA);
        syncB.apply(merged, ownB);

        for (final ListHistories h : List.of(a, b)) {
            assertArrayEquals(new int[] {1, 2, 3}, h.of(7));
            assertArrayEquals(new int[] {4}, h.of(9));
        }
    }

    @Test
    void shouldKeepTheTasksOwnLaterAdditionsOnTopOfTheMergedHistory() {
        final ListHistories a = new ListHistories(3);
        final ListHistories b = new ListHistories(3);
        final HistorySync syncA = new HistorySync(a);
        final HistorySync syncB = new HistorySync(b);
        a.record(7, 1);
        b.record(7, 2);
        b.record(7, 3);
        final PartDelta ownA = syncA.extract();
        final PartDelta ownB = syncB.extract();
        a.record(7, 4); // the next round's, before the merged round arrives
        syncA.apply(merge(ownA, ownB), ownA);
        // the merged history is full (1, 2, 3); A's own 4 drops its oldest
        assertArrayEquals(new int[] {2, 3, 4}, a.of(7));

        final PartDelta nextA = syncA.extract();
        assertArrayEquals(new long[] {7}, ((PartDelta.Additions) nextA).owners());
        assertNull(syncB.extract());
        syncB.apply(merge(ownA, ownB), ownB);
        syncB.apply(merge(nextA, null), null);
        assertArrayEquals(new int[] {2, 3, 4}, b.of(7));
    }

    @Test
    void shouldLeaveOneTasksHistoriesAsTheyWouldBeWithoutSync() {
        final SplittableRandom random = new SplittableRandom(11);
        final ListHistories synced = new ListHistories(4);
        final ListHistories alone = new ListHistories(4);
        final HistorySync sync = new HistorySync(synced);
        PartDelta previous = null;
        for (int round = 0; round < 30; round++) {
            for (int i = random.nextInt(6); i > 0; i--) {
                final long owner = random.nextInt(3);
                final int member = random.nextInt(8);
                synced.record(owner, member);
                alone.record(owner, member);
            }
            final PartDelta own = sync.extract();
            if (round > 0 && previous != null) {
                sync.apply(merge(previous), previous); // staleness 1: round r - 1 applied in round r
            }
            previous = own;
            for (long owner = 0; owner < 3; owner++) {
                assertArrayEquals(alone.of(owner), synced.of(owner), "round " + round + " owner " + owner);
            }
        }
    }
}
