package dev.streamrec.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.features.Task;
import org.junit.jupiter.api.Test;

/** Parsing and validation of live-query requests: defaults, every field, and 400s naming what is wrong. */
class QueryParserTest {
    private final QueryParser parser = new QueryParser(new ObjectMapper());

    private static byte[] bytes(final String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String rejected(final Runnable parse) {
        final QueryException e = assertThrows(QueryException.class, parse::run);
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void shouldApplyTheDefaultsToABareRecommendationRequest() {
        final RecommendationQuery q = parser.recommendationsFromQuery("u1", null);
        assertEquals(QueryParser.DEFAULT_K, q.k());
        assertNull(q.model());
        assertTrue(q.candidates().isEmpty());
        assertTrue(q.excludeSeen());
        assertEquals(Task.CLICK, q.task());
        assertNull(q.at());
        assertTrue(q.context().getCategorical().isEmpty());
    }

    @Test
    void shouldReadEveryQueryParameterPercentDecoded() {
        final RecommendationQuery q = parser.recommendationsFromQuery("u1",
            "k=3&model=deepmix&candidates=i%2C1,i2&exclude=none&task=rating&at=1998-04-01T00%3A00%3A00Z");
        assertEquals(3, q.k());
        assertEquals("deepmix", q.model());
        assertEquals(List.of("i", "1", "i2"), q.candidates(), "an encoded comma still separates: ids hold none");
        assertFalse(q.excludeSeen());
        assertEquals(Task.RATING, q.task());
        assertEquals(891_388_800_000L, q.at());
    }

    @Test
    void shouldReadARecommendationBodyWithContext() {
        final RecommendationQuery q = parser.recommendationsFromBody("u1", bytes("{\"k\": 2,"
            + " \"candidates\": [\"a\", \"b\"],"
            + " \"at\": 5, \"context\": {\"categorical\": {\"device\": [\"phone\"]}, \"numeric\": {\"pos\": 1.5}}}"));
        assertEquals(2, q.k());
        assertEquals(List.of("a", "b"), q.candidates());
        assertEquals(5L, q.at());
        assertEquals(List.of("phone"), q.context().getCategorical().get("device"));
        assertEquals(1.5, q.context().getNumeric().get("pos"));
    }

    @Test
    void shouldRejectBadRecommendationParameters() {
        assertTrue(rejected(() -> parser.recommendationsFromQuery("u1", "k=1001")).contains("k must be"));
        assertTrue(rejected(() -> parser.recommendationsFromQuery("u1", "k=x")).contains("k must be"));
        assertTrue(rejected(() -> parser.recommendationsFromQuery("u1", "k=1&k=2")).contains("twice"));
        assertTrue(rejected(() -> parser.recommendationsFromQuery("u1", "exclude=all")).contains("exclude"));
        assertTrue(rejected(() -> parser.recommendationsFromQuery("u1", "task=genre")).contains("task"));
        assertTrue(rejected(() -> parser.recommendationsFromQuery("u1", "context=x"))
            .contains("unknown parameter context"));
        assertTrue(rejected(() -> parser.recommendationsFromQuery("u1", "candidates=a,,b")).contains("non-empty"));
        assertTrue(rejected(() -> parser.recommendationsFromQuery("u1", "at=%zz")).contains("percent-encoding"));
        assertTrue(rejected(() -> parser.recommendationsFromQuery("x".repeat(257), null)).contains("at most 256"));
    }

    @Test
    void shouldReadScorePairsInOrder() {
        final ScoreQuery q = parser.score(bytes("{\"model\": \"lr\", \"pairs\": [{\"user\": \"u1\", \"item\": \"i1\"},"
            + " {\"user\": \"u2\", \"item\": \"i2\", \"task\": \"rating\", \"at\": 7}]}"));
        assertEquals("lr", q.model());
        assertEquals(2, q.pairs().size());
        assertEquals("i1", q.pairs().get(0).item());
        assertEquals(Task.CLICK, q.pairs().get(0).task());
        assertEquals(Task.RATING, q.pairs().get(1).task());
        assertEquals(7L, q.pairs().get(1).at());
    }

    @Test
    void shouldRejectBadScoreBodies() {
        assertTrue(rejected(() -> parser.score(bytes("not json"))).contains("not JSON"));
        assertTrue(rejected(() -> parser.score(bytes("{}"))).contains("pairs must be"));
        assertTrue(rejected(() -> parser.score(bytes("{\"pairs\": []}"))).contains("pairs must be"));
        assertTrue(rejected(() -> parser.score(bytes("{\"pairs\": [1]}"))).contains("pairs[0] must be an object"));
        assertTrue(rejected(() -> parser.score(bytes("{\"pairs\": [{\"user\": \"u\"}]}")))
            .contains("pairs[0].item must be a string"));
        assertTrue(rejected(() -> parser.score(bytes("{\"pairs\": [{\"user\": \"u\", \"item\": \"i\", \"x\": 1}]}")))
            .contains("unknown field x"));
        assertTrue(rejected(() -> parser.score(bytes("{\"pairs\": [{\"user\": \"u\", \"item\": \"i\","
            + " \"context\": {\"numeric\": {\"a\": \"1\"}}}]}"))).contains("finite number"));
        assertTrue(rejected(() -> parser.score(bytes("{\"pairs\": [{\"user\": \"u\", \"item\": \"i\","
            + " \"context\": {\"categorical\": {\"a\": \"v\"}}}]}"))).contains("array"));
        final String many = IntStream.range(0, QueryParser.MAX_GROUPS + 1).mapToObj(i -> "\"g" + i + "\": 1")
            .collect(Collectors.joining(", "));
        assertTrue(rejected(() -> parser.score(bytes("{\"pairs\": [{\"user\": \"u\", \"item\": \"i\","
            + " \"context\": {\"numeric\": {" + many + "}}}]}"))).contains("at most " + QueryParser.MAX_GROUPS));
    }
}
