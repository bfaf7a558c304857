package dev.streamrec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import dev.streamrec.bench.ChangelogTraffic.Partition;
import dev.streamrec.bench.ChangelogTraffic.Payload;
import dev.streamrec.bench.ChangelogTraffic.Position;
import dev.streamrec.bench.ChangelogTraffic.StoreTraffic;
import org.junit.jupiter.api.Test;

class ChangelogTrafficTest {
    private static final String APP = "streamrec-bench";

    @Test
    void shouldNameTheStoreOfAChangelogTopicOfTheApplicationOnly() {
        assertEquals("lr-state", ChangelogTraffic.storeOf(APP, "streamrec-bench-lr-state-changelog"));
        assertEquals("prequential-metrics",
            ChangelogTraffic.storeOf(APP, "streamrec-bench-prequential-metrics-changelog"));
        assertNull(ChangelogTraffic.storeOf(APP, "streamrec-bench-lr-state-repartition"));
        assertNull(ChangelogTraffic.storeOf(APP, "other-app-lr-state-changelog"));
        assertNull(ChangelogTraffic.storeOf(APP, "scored-events"));
        assertNull(ChangelogTraffic.storeOf(APP, "streamrec-bench--changelog"));
    }

    @Test
    void shouldSumTheGrowthOfEveryPartitionPerStoreAndOverAllStores() {
        final Partition lr0 = new Partition("streamrec-bench-lr-state-changelog", 0);
        final Partition lr1 = new Partition("streamrec-bench-lr-state-changelog", 1);
        final Partition metrics0 = new Partition("streamrec-bench-prequential-metrics-changelog", 0);
        final Partition output = new Partition("scored-events", 0);
        final Map<Partition, Position> before = Map.of(lr0, new Position(100, 10_000), lr1, new Position(50, 4_000),
            output, new Position(7, 700));
        final Map<Partition, Position> after = Map.of(lr0, new Position(300, 30_000), lr1, new Position(150, 9_000),
            metrics0, new Position(40, 2_000), output, new Position(1_000, 99_000));
        final Map<Partition, Payload> payload = Map.of(lr0, new Payload(190, 15_000), lr1, new Payload(95, 4_000),
            metrics0, new Payload(38, 1_500));
        final List<StoreTraffic> rows = ChangelogTraffic.between(APP, before, after, payload, 100);
        assertEquals(List.of(
            new StoreTraffic("lr-state", 300, 285, 19_000, 25_000, 100),
            new StoreTraffic("prequential-metrics", 40, 38, 1_500, 2_000, 100),
            new StoreTraffic(ChangelogTraffic.ALL_STORES, 340, 323, 20_500, 27_000, 100)), rows,
            "a partition created during the run grows from nothing; the output topic is not a changelog");
        assertEquals(3.23, rows.get(2).recordsPerEvent(), 1e-12);
        assertEquals(3.40, rows.get(2).offsetsPerEvent(), 1e-12);
        assertEquals(205.0, rows.get(2).payloadBytesPerEvent(), 1e-12);
        assertEquals(270.0, rows.get(2).diskBytesPerEvent(), 1e-12);
    }

    @Test
    void shouldReportAnEmptyTotalWhenTheApplicationHasNoChangelog() {
        assertEquals(List.of(new StoreTraffic(ChangelogTraffic.ALL_STORES, 0, 0, 0, 0, 0)),
            ChangelogTraffic.between(APP, Map.of(), Map.of(), Map.of(), 0));
        assertEquals(0.0, ChangelogTraffic.between(APP, Map.of(), Map.of(), Map.of(), 0).get(0).recordsPerEvent());
    }
}
