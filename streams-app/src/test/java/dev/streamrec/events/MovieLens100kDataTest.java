package dev.streamrec.events;

import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the real MovieLens 100K from {@code ../shared/data/ml-100k}; skipped when that directory is absent. */
class MovieLens100kDataTest {
    @Test
    void readsRealMl100kWithPublishedCounts() throws IOException {
        final Path dir = TestData.sharedMl100k().orElse(null);
        Assumptions.assumeTrue(dir != null, () -> "MovieLens 100K not found, skipping: "
                + TestData.describeMl100kSearch());
        final List<MalformedLine> bad = new ArrayList<>();

        final MovieLensDataset data = MovieLensDataset.open(dir, bad::add);

        assertEquals(List.of(), bad);
        assertEquals(MovieLensFormat.ML_100K, data.format());
        assertEquals(100_000, data.ratingCount());
        assertEquals(943, data.users().size());
        assertEquals(1682, data.items().size());

        Instant previous = Instant.MIN;
        final Iterator<RatingEvent> ratings = data.ratings().iterator();
        long count = 0;
        while (ratings.hasNext()) {
            final Instant time = ratings.next().getEventTime();
            assertFalse(time.isBefore(previous), "ratings must be in event-time order");
            previous = time;
            count++;
        }
        assertEquals(100_000, count);
        assertEquals(34_174 + 21_201, data.impressions().filter(i -> i.getClicked()).count(),
                "4- and 5-star ratings become clicks");

        final UserProfile user1 = data.users().get(0);
        assertEquals("1", user1.getUserId());
        assertEquals(24.0, user1.getAttributes().getNumeric().get("age"));
        assertEquals(List.of("technician"), user1.getAttributes().getCategorical().get("occupation"));
        final ItemProfile toyStory = data.items().get(0);
        assertEquals("Toy Story", toyStory.getTitle());
        assertEquals(List.of("1995"), toyStory.getAttributes().getCategorical().get("year"));
        assertTrue(toyStory.getAttributes().getCategorical().get("genre").contains("Animation"));
    }
}
