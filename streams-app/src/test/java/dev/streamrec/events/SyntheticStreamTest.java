package dev.streamrec.events;

import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticStreamTest {
    private static final SyntheticConfig SMALL = SyntheticConfig.defaults().withSize(200, 100, 5_000);

    private static List<SpecificRecord> replayAll(final SyntheticStream stream) {
        final List<SpecificRecord> out = new ArrayList<>();
        stream.replay(new EventSink() {
            @Override
            public void user(final UserProfile profile) {
                out.add(profile);
            }

            @Override
            public void item(final ItemProfile profile) {
                out.add(profile);
            }

            @Override
            public void rating(final RatingEvent event) {
                out.add(event);
            }

            @Override
            public void impression(final ImpressionEvent event) {
                out.add(event);
            }
        });
        return out;
    }

    private static int index(final String id) {
        return Integer.parseInt(id.substring(1));
    }

    @Test
    void sameSeedGivesIdenticalSequences() {
        final List<SpecificRecord> first = replayAll(new SyntheticStream(SMALL));
        final List<SpecificRecord> second = replayAll(new SyntheticStream(SMALL));
        assertEquals(200 + 100 + 5_000, first.size());
        assertEquals(first, second);

        final SyntheticStream stream = new SyntheticStream(SMALL);
        assertEquals(first.subList(300, first.size()), drain(stream.events()), "events() restarts the sequence");
        assertEquals(first.subList(300, first.size()), drain(stream.events()));
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        assertNotEquals(replayAll(new SyntheticStream(SMALL)), replayAll(new SyntheticStream(SMALL.withSeed(43))));
    }

    @Test
    void emitsProfilesFirstThenEventsWithStrictlyIncreasingTimes() {
        final List<SpecificRecord> all = replayAll(new SyntheticStream(SMALL));
        for (int i = 0; i < 200; i++) {
            assertEquals(SyntheticStream.userId(i), ((UserProfile) all.get(i)).getUserId());
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(SyntheticStream.itemId(i), ((ItemProfile) all.get(200 + i)).getItemId());
        }
        Instant previous = Instant.ofEpochMilli(SMALL.startTimeMillis() - 1);
        for (final SpecificRecord event : all.subList(300, all.size())) {
            final Instant time = event instanceof RatingEvent r ? r.getEventTime()
                    : ((ImpressionEvent) event).getEventTime();
            assertTrue(time.isAfter(previous), "event times strictly increase");
            previous = time;
        }
        final long span = previous.toEpochMilli() - SMALL.startTimeMillis();
        assertTrue(span > 0.8 * 4_999 * SMALL.meanGapMillis() && span < 1.2 * 4_999 * SMALL.meanGapMillis(),
                "mean gap near the configured one, span " + span);
    }

    @Test
    void producesRatingsAtTheConfiguredFractionWithinOneToFive() {
        final SyntheticStream stream = new SyntheticStream(SMALL.withRatingFraction(0.3));
        long ratings = 0;
        for (final Iterator<SpecificRecord> it = stream.events(); it.hasNext(); ) {
            if (it.next() instanceof RatingEvent r) {
                ratings++;
                assertTrue(r.getRating() >= 1f && r.getRating() <= 5f && r.getRating() == Math.rint(r.getRating()));
            }
        }
        assertEquals(0.3, ratings / 5_000.0, 0.03);
    }

    @Test
    void clickLabelIsPredictableFromTheFactors() {
        final SyntheticStream stream = new SyntheticStream(
                SyntheticConfig.defaults().withSize(300, 200, 40_000).withRatingFraction(0.0));
        final List<double[]> scored = new ArrayList<>();
        for (final Iterator<SpecificRecord> it = stream.events(); it.hasNext(); ) {
            final ImpressionEvent e = (ImpressionEvent) it.next();
            scored.add(new double[] {stream.affinity(index(e.getUserId()), index(e.getItemId())),
                    e.getClicked() ? 1 : 0});
        }
        scored.sort((a, b) -> Double.compare(a[0], b[0]));
        final int decile = scored.size() / 10;
        final double bottom = scored.subList(0, decile).stream().mapToDouble(s -> s[1]).average().orElseThrow();
        final double top = scored.subList(scored.size() - decile, scored.size()).stream()
                .mapToDouble(s -> s[1]).average().orElseThrow();
        assertTrue(top > 0.6, "top-decile click rate " + top);
        assertTrue(bottom < 0.15, "bottom-decile click rate " + bottom);
    }

    @Test
    void ratingsRiseWithAffinity() {
        final SyntheticStream stream = new SyntheticStream(
                SyntheticConfig.defaults().withSize(300, 200, 20_000).withRatingFraction(1.0));
        double high = 0;
        double low = 0;
        int highCount = 0;
        int lowCount = 0;
        for (final Iterator<SpecificRecord> it = stream.events(); it.hasNext(); ) {
            final RatingEvent r = (RatingEvent) it.next();
            final double affinity = stream.affinity(index(r.getUserId()), index(r.getItemId()));
            if (affinity > 1) {
                high += r.getRating();
                highCount++;
            } else if (affinity < -1) {
                low += r.getRating();
                lowCount++;
            }
        }
        assertTrue(high / highCount - low / lowCount > 2.0,
                "mean rating " + high / highCount + " (u·v > 1) vs " + low / lowCount + " (u·v < -1)");
    }

    @Test
    void itemGenresAreTheTopFactorDimensions() {
        final SyntheticStream stream = new SyntheticStream(SMALL);
        for (int i = 0; i < SMALL.items(); i++) {
            final double[] factor = new double[SMALL.dimension()];
            for (int k = 0; k < factor.length; k++) {
                factor[k] = stream.itemFactor(i, k);
            }
            final double[] sorted = factor.clone();
            Arrays.sort(sorted);
            final List<String> genres = stream.items().get(i).getAttributes().getCategorical().get("genre");
            assertEquals(2, genres.size());
            assertEquals(sorted[sorted.length - 1], factor[Integer.parseInt(genres.get(0).substring(1))]);
            assertEquals(sorted[sorted.length - 2], factor[Integer.parseInt(genres.get(1).substring(1))]);
        }
    }

    @Test
    void userAgeIsCorrelatedWithTheFirstFactor() {
        final SyntheticStream stream = new SyntheticStream(SMALL.withSize(2_000, 10, 0));
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        double meanAge = 0;
        for (final UserProfile u : stream.users()) {
            meanAge += u.getAttributes().getNumeric().get("age") / 2_000;
        }
        for (int u = 0; u < 2_000; u++) {
            final double x = stream.userFactor(u, 0);
            final double y = stream.users().get(u).getAttributes().getNumeric().get("age") - meanAge;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        assertTrue(sxy / Math.sqrt(sxx * syy) > 0.8, "correlation " + sxy / Math.sqrt(sxx * syy));
    }

    @Test
    void syntheticEventsPassTheValidator() {
        final EventValidator validator = new EventValidator();
        final SyntheticStream stream = new SyntheticStream(SMALL);
        for (final Iterator<SpecificRecord> it = stream.events(); it.hasNext(); ) {
            final SpecificRecord e = it.next();
            final Validation v = e instanceof RatingEvent r ? validator.validate(r.getUserId(), r)
                    : validator.validate(((ImpressionEvent) e).getUserId(), (ImpressionEvent) e);
            assertSame(Validation.OK, v, String.valueOf(v));
        }
    }

    @Test
    void configRoundTripsThroughProperties() {
        final SyntheticConfig config = new SyntheticConfig(7L, 10, 20, 30L, 4, 0.25, 1_000L, 50L,
                1.5, -0.5, 0.1, 0.8, 0.3);
        assertEquals(config, SyntheticConfig.fromProperties(config.toProperties()));
        assertEquals(SyntheticConfig.defaults(), SyntheticConfig.fromProperties(Map.of()));
        assertEquals(13, config.toProperties().size());
    }

    @Test
    void rejectsInvalidConfig() {
        final SyntheticConfig d = SyntheticConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withSize(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withRatingFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> SyntheticConfig.fromProperties(Map.of("sede", "1")));
        assertThrows(IllegalArgumentException.class, () -> SyntheticConfig.fromProperties(
                Map.of("meanGapMillis", "0")));
    }

    @Test
    void iteratorSignalsExhaustion() {
        final Iterator<SpecificRecord> it = new SyntheticStream(SMALL.withSize(1, 1, 1)).events();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    private static List<SpecificRecord> drain(final Iterator<SpecificRecord> it) {
        final List<SpecificRecord> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
