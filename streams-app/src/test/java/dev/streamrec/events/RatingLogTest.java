package dev.streamrec.events;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RatingLogTest {
    @Test
    void sortsByTimeStablyLikeAReferenceSort() {
        final SplittableRandom random = new SplittableRandom(7);
        final RatingLog log = new RatingLog();
        final List<long[]> reference = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            final long seconds = random.nextInt(300);
            log.add(i, i % 17, 1 + random.nextInt(5), seconds, i + 1L);
            reference.add(new long[] {seconds, i + 1L});
        }
        reference.sort(Comparator.comparingLong(r -> r[0]));

        log.sortByTime();

        for (int rank = 0; rank < reference.size(); rank++) {
            assertEquals(reference.get(rank)[0], log.epochSecond(rank));
            assertEquals(reference.get(rank)[1], log.lineNumber(rank), "ties keep file order");
            assertEquals((int) reference.get(rank)[1] - 1, log.user(rank));
        }
    }

    @Test
    void sortsEmptyAndSingletonLogs() {
        final RatingLog empty = new RatingLog();
        empty.sortByTime();
        assertEquals(0, empty.size());
        final RatingLog one = new RatingLog();
        one.add(3, 4, 5f, 10L, 1L);
        one.sortByTime();
        assertEquals(4, one.item(0));
        assertEquals(5f, one.rating(0));
    }
}
