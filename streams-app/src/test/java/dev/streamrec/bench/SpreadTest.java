package dev.streamrec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void shouldTakeTheMiddleValueOfAnOddCount() {
        final Spread s = Spread.of(30, 10, 20);
        assertEquals(20, s.median());
        assertEquals(10, s.min());
        assertEquals(30, s.max());
        assertEquals(50.0, s.halfRangePercent(), 1e-12);
    }

    @Test
    void shouldAverageTheMiddleTwoOfAnEvenCount() {
        assertEquals(25, Spread.of(40, 10, 20, 30).median());
    }

    @Test
    void shouldRefuseNoMeasurements() {
        assertThrows(IllegalArgumentException.class, Spread::of);
    }

    @Test
    void shouldTakeNearestRankPercentiles() {
        final long[] latencies = new long[100];
        for (int i = 0; i < 100; i++) {
            latencies[99 - i] = i + 1;
        }
        final Percentiles p = Percentiles.of(latencies);
        assertEquals(50, p.p50());
        assertEquals(90, p.p90());
        assertEquals(99, p.p99());
        assertEquals(100, p.max());
        assertEquals(7, Percentiles.of(new long[] {7}).p99());
    }
}
