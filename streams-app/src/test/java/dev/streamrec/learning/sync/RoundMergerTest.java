package dev.streamrec.learning.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class RoundMergerTest {
    private static final int TASKS = 6;

    private static List<RoundDelta> deltas(final long round) {
        final List<RoundDelta> deltas = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            deltas.add(RandomDeltas.of(t, round, 42));
        }
        return deltas;
    }

    @Test
    void shouldMergeBitIdenticallyWhateverTheArrivalOrder() {
        final byte[] inOrder = DeltaCodec.encode(RoundMerger.merge(deltas(7), TASKS, 7));
        final Random shuffles = new Random(1234);
        for (int i = 0; i < 30; i++) {
            final List<RoundDelta> arrived = deltas(7);
            Collections.shuffle(arrived, shuffles);
            assertArrayEquals(inOrder, DeltaCodec.encode(RoundMerger.merge(arrived, TASKS, 7)), "order " + arrived
                .stream().map(RoundDelta::task).toList());
        }
    }

    @Test
    void shouldSumInAscendingTaskOrder() {
        // float addition is not associative: the fixed order is what makes the merge order independent
        final List<RoundDelta> deltas = deltas(3);
        final RoundDelta merged = RoundMerger.merge(deltas, TASKS, 3);
        final PartDelta.Ftrl m = (PartDelta.Ftrl) merged.part("lr/click");
        final Map<Integer, Double> expected = new TreeMap<>();
        final Map<Integer, Double> reversed = new TreeMap<>();
        for (int t = 0; t < TASKS; t++) {
            final PartDelta.Ftrl f = (PartDelta.Ftrl) deltas.get(t).part("lr/click");
            final PartDelta.Ftrl r = (PartDelta.Ftrl) deltas.get(TASKS - 1 - t).part("lr/click");
            for (int k = 0; k < f.index().length; k++) {
                expected.merge(f.index()[k], f.dz()[k], Double::sum);
                reversed.merge(r.index()[k], r.dz()[k], Double::sum);
            }
        }
        assertArrayEquals(expected.keySet().stream().mapToInt(Integer::intValue).toArray(), m.index());
        assertArrayEquals(expected.values().stream().mapToDouble(Double::doubleValue).toArray(), m.dz());
        assertNotEquals(expected, reversed, "the test data should make the summation order visible");
    }

    @Test
    void shouldTakeANewRowsOriginFromTheLowestTaskThatCreatedIt() {
        final PartDelta.Rows first = new PartDelta.Rows(1, new long[] {5}, new float[] {1f}, new boolean[] {false},
            new float[] {0f});
        final PartDelta.Rows second = new PartDelta.Rows(1, new long[] {5}, new float[] {2f}, new boolean[] {true},
            new float[] {0.5f});
        final PartDelta.Rows third = new PartDelta.Rows(1, new long[] {5}, new float[] {4f}, new boolean[] {true},
            new float[] {0.75f});
        final List<RoundDelta> deltas = List.of(round(2, third), round(0, first), round(1, second));
        final PartDelta.Rows merged = (PartDelta.Rows) RoundMerger.merge(deltas, 3, 0).part("m/rows");
        assertArrayEquals(new float[] {7f}, merged.delta());
        assertArrayEquals(new boolean[] {true}, merged.created());
        assertArrayEquals(new float[] {0.5f}, merged.origin());
        assertEquals(RoundDelta.MERGED, RoundMerger.merge(deltas, 3, 0).task());
    }

    @Test
    void shouldMergeOnlyWithEveryTasksDeltaOfTheRound() {
        final List<RoundDelta> missing = deltas(1).subList(0, TASKS - 1);
        assertThrows(IllegalArgumentException.class, () -> RoundMerger.merge(missing, TASKS, 1));
        final List<RoundDelta> duplicate = new ArrayList<>(deltas(1));
        duplicate.set(0, duplicate.get(1));
        assertThrows(IllegalArgumentException.class, () -> RoundMerger.merge(duplicate, TASKS, 1));
        final IllegalArgumentException wrongRound = assertThrows(IllegalArgumentException.class,
            () -> RoundMerger.merge(deltas(1), TASKS, 2));
        assertTrue(wrongRound.getMessage().contains("round 2"), wrongRound.getMessage());
    }

    private static RoundDelta round(final int task, final PartDelta rows) {
        return new RoundDelta(task, 0, new TreeMap<>(Map.of("m/rows", rows)));
    }
}
