package dev.streamrec.events;

import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MovieLensDatasetTest {
    private static MovieLensDataset openClean(final Path dir) throws IOException {
        return MovieLensDataset.open(dir, bad -> fail("unexpected malformed line " + bad));
    }

    @Test
    void readsMl1mFormatFixture() throws IOException {
        final MovieLensDataset data = openClean(TestData.fixture("ml-1m-fixture"));

        assertEquals(MovieLensFormat.ML_1M, data.format());
        assertEquals(12, data.users().size());
        assertEquals(12, data.items().size());
        assertEquals(12, data.ratingCount());
        assertEquals(0, data.malformedCount());

        final UserProfile first = data.users().get(0);
        assertEquals("1", first.getUserId());
        assertEquals(List.of("F"), first.getAttributes().getCategorical().get("gender"));
        assertEquals(List.of("K-12 student"), first.getAttributes().getCategorical().get("occupation"));
        assertEquals(List.of("480"), first.getAttributes().getCategorical().get("zip"));
        assertEquals(1.0, first.getAttributes().getNumeric().get("age"));
        assertEquals(List.of("other"), byId(data).get("11").getAttributes().getCategorical().get("occupation"));
        assertEquals(List.of("024"), data.users().get(3).getAttributes().getCategorical().get("zip"));

        final ItemProfile garden = items(data).get("102");
        assertEquals("The Clockwork Garden", garden.getTitle());
        assertEquals(List.of("Animation", "Children's", "Fantasy"),
                garden.getAttributes().getCategorical().get("genre"));
        assertEquals(List.of("1999"), garden.getAttributes().getCategorical().get("year"));
    }

    @Test
    void decodesTitlesAsIso88591() throws IOException {
        assertEquals("Caf\u00e9 Noir", items(openClean(TestData.fixture("ml-1m-fixture"))).get("112").getTitle());
        assertEquals("R\u00eaverie", items(openClean(TestData.fixture("ml-100k-fixture"))).get("14").getTitle());
    }

    @Test
    void ordersRatingsByTimeKeepingFileOrderOnTies() throws IOException {
        final MovieLensDataset data = openClean(TestData.fixture("ml-1m-fixture"));
        final List<RatingEvent> ratings = data.ratings().collect(Collectors.toList());

        assertEquals(List.of("ml-r-9", "ml-r-3", "ml-r-6", "ml-r-11", "ml-r-2", "ml-r-5", "ml-r-12", "ml-r-1",
                "ml-r-4", "ml-r-7", "ml-r-8", "ml-r-10"),
                ratings.stream().map(RatingEvent::getEventId).collect(Collectors.toList()));
        final RatingEvent first = ratings.get(0);
        assertEquals("8", first.getUserId());
        assertEquals("109", first.getItemId());
        assertEquals(4f, first.getRating());
        assertEquals(Instant.ofEpochSecond(978298000L), first.getEventTime());
        for (final UserProfile user : data.users()) {
            assertEquals(first.getEventTime().minus(MovieLensDataset.IMPRESSION_LEAD), user.getUpdateTime(),
                "profiles carry the earliest event time (the first rating's impression)");
        }
    }

    @Test
    void derivesOneImpressionPerRatingClickedFromFourStars() throws IOException {
        final MovieLensDataset data = openClean(TestData.fixture("ml-1m-fixture"));
        final List<RatingEvent> ratings = data.ratings().collect(Collectors.toList());
        final List<ImpressionEvent> impressions = data.impressions().collect(Collectors.toList());

        assertEquals(ratings.size(), impressions.size());
        for (int i = 0; i < ratings.size(); i++) {
            final RatingEvent r = ratings.get(i);
            final ImpressionEvent imp = impressions.get(i);
            assertEquals(r.getEventId().replace("ml-r-", "ml-i-"), imp.getEventId());
            assertEquals(r.getUserId(), imp.getUserId());
            assertEquals(r.getItemId(), imp.getItemId());
            assertEquals(r.getEventTime().minus(MovieLensDataset.IMPRESSION_LEAD), imp.getEventTime(),
                "shown just before it was rated");
            assertEquals(r.getRating() >= 4f, imp.getClicked());
        }
        assertEquals(7, impressions.stream().filter(ImpressionEvent::getClicked).count());
    }

    @Test
    void readsMl100kFormatFixture() throws IOException {
        final MovieLensDataset data = openClean(TestData.fixture("ml-100k-fixture"));

        assertEquals(MovieLensFormat.ML_100K, data.format());
        assertEquals(4, data.users().size());
        assertEquals(5, data.items().size());
        assertEquals(List.of("ml-r-5", "ml-r-2", "ml-r-3", "ml-r-4", "ml-r-1", "ml-r-6"),
                data.ratings().map(RatingEvent::getEventId).collect(Collectors.toList()));

        final UserProfile librarian = byId(data).get("2");
        assertEquals(47.0, librarian.getAttributes().getNumeric().get("age"));
        assertEquals(List.of("librarian"), librarian.getAttributes().getCategorical().get("occupation"));
        assertEquals(List.of("T8H"), librarian.getAttributes().getCategorical().get("zip"));

        final Map<String, ItemProfile> items = items(data);
        assertEquals(List.of("Action", "Comedy"), items.get("12").getAttributes().getCategorical().get("genre"));
        assertEquals(List.of("1996"), items.get("12").getAttributes().getCategorical().get("year"),
                "year from the release date when the title has none");
        assertEquals("Tin Soldiers (V)", items.get("13").getTitle());
        assertEquals(List.of("1990"), items.get("13").getAttributes().getCategorical().get("year"));
        assertEquals(List.of("unknown"), items.get("15").getAttributes().getCategorical().get("genre"));
        assertNull(items.get("15").getAttributes().getCategorical().get("year"));
    }

    @Test
    void replaysProfilesBeforeEventsAndEachImpressionBeforeItsRating() throws IOException {
        final MovieLensDataset data = openClean(TestData.fixture("ml-100k-fixture"));
        final List<String> seen = new ArrayList<>();
        data.replay(new EventSink() {
            @Override
            public void user(final UserProfile profile) {
                seen.add("user");
            }

            @Override
            public void item(final ItemProfile profile) {
                seen.add("item");
            }

            @Override
            public void rating(final RatingEvent event) {
                seen.add(event.getEventId());
            }

            @Override
            public void impression(final ImpressionEvent event) {
                seen.add(event.getEventId());
            }
        });

        assertEquals(List.of("user", "user", "user", "user", "item", "item", "item", "item", "item",
                "ml-i-5", "ml-r-5", "ml-i-2", "ml-r-2"), seen.subList(0, 13));
        assertEquals(4 + 5 + 2 * 6, seen.size());
    }

    @Test
    void reportsMalformedLinesAndKeepsTheRest(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("ratings.dat"), String.join("\n",
                "1::101::5::978300760", "1::101::x::978300761", "1::101::5", "", "1::101::9::978300762",
                "a::101::5::978300763", "1::101::5::-3", "2::101::4::978300700") + "\n", StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("users.dat"), "1::F::25::3::12345\n13::X\n14::M::25::99::12345\n",
                StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("movies.dat"), "101::Some Film (2001)::Drama\n200\n",
                StandardCharsets.ISO_8859_1);
        final List<MalformedLine> bad = new ArrayList<>();

        final MovieLensDataset data = MovieLensDataset.open(dir, bad::add);

        assertEquals(2, data.ratingCount());
        assertEquals(1, data.users().size());
        assertEquals(1, data.items().size());
        assertEquals(8, data.malformedCount());
        assertEquals(8, bad.size());
        assertEquals(List.of("ratings.dat:2", "ratings.dat:3", "ratings.dat:5", "ratings.dat:6", "ratings.dat:7",
                "users.dat:2", "users.dat:3", "movies.dat:2"),
                bad.stream().map(b -> b.file() + ":" + b.lineNumber()).collect(Collectors.toList()));
        assertTrue(bad.get(1).reason().contains("fields"), bad.get(1).reason());
        assertTrue(bad.get(2).reason().contains("rating 9"), bad.get(2).reason());
        assertTrue(bad.get(6).reason().contains("occupation code 99"), bad.get(6).reason());
        assertEquals("1::101::5", bad.get(1).content());
    }

    @Test
    void rejectsDirectoryWithoutRatingsFile(@TempDir final Path dir) {
        final NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> MovieLensDataset.open(dir, bad -> { }));
        assertTrue(e.getMessage().contains("u.data"), e.getMessage());
    }

    @Test
    void streamsAreRepeatableAndLazy() throws IOException {
        final MovieLensDataset data = openClean(TestData.fixture("ml-1m-fixture"));
        assertEquals(data.ratings().collect(Collectors.toList()), data.ratings().collect(Collectors.toList()));
        assertFalse(data.impressions().limit(1).findFirst().isEmpty());
    }

    private static Map<String, UserProfile> byId(final MovieLensDataset data) {
        return data.users().stream().collect(Collectors.toMap(UserProfile::getUserId, Function.identity()));
    }

    private static Map<String, ItemProfile> items(final MovieLensDataset data) {
        return data.items().stream().collect(Collectors.toMap(ItemProfile::getItemId, Function.identity()));
    }
}
