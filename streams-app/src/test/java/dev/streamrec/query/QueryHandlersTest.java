package dev.streamrec.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrec.models.OnlineModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live-query HTTP API of two instances: answers from the owner's live models, forwarding, errors. */
class QueryHandlersTest {
    private LiveInstances live;

    @BeforeEach
    void start() throws Exception {
        live = new LiveInstances();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private JsonNode json(final HttpResponse<String> response) throws Exception {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return live.json.readTree(response.body());
    }

    /** The model's top k for the user over every item not in {@code excluded}, by its own predictions. */
    private List<Map.Entry<String, Double>> expectedTop(final OnlineModel model, final String user, final int k,
                                                        final Set<String> excluded) {
        final List<Map.Entry<String, Double>> all = new ArrayList<>();
        for (final String item : live.items.keySet()) {
            if (!excluded.contains(item)) {
                all.add(Map.entry(item, live.predict(model, user, item)));
            }
        }
        all.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, k);
    }

    private static void assertItems(final List<Map.Entry<String, Double>> expected, final JsonNode items) {
        assertEquals(expected.size(), items.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getKey(), items.get(i).get("item").asText(), "rank " + i);
            assertEquals(expected.get(i).getValue(), items.get(i).get("score").asDouble(), 0.0, "rank " + i);
        }
    }

    @Test
    void shouldRankTheTopKByTheOwnersModelScoresWithoutSeenItems() throws Exception {
        final JsonNode body = json(live.get(live.hostA, "/v1/users/u-a1/recommendations?k=5&model=lcwd&at="
            + LiveInstances.AT));
        final OnlineModel lcwd = live.modelsA.get(1);
        assertItems(expectedTop(lcwd, "u-a1", 5, Set.of("i3")), body.get("items"));
        assertEquals("lcwd", body.get("model").asText());
        assertEquals(lcwd.version(), body.get("modelVersion").asLong());
        assertEquals("1_0", body.get("taskId").asText());
        assertEquals(LiveInstances.ITEMS, body.get("candidates").asInt());
        assertEquals(1, body.get("excluded").asInt());
        assertFalse(body.get("coldStart").asBoolean());
        assertFalse(body.get("standby").asBoolean());
        assertEquals("127.0.0.1:" + live.hostA.port(), body.get("servedBy").asText());
        assertTrue(body.get("forwardedBy").isNull());
    }

    @Test
    void shouldForwardToTheOwnerAndReturnItsAnswer() throws Exception {
        final JsonNode body = json(live.get(live.hostB, "/v1/users/u-a1/recommendations?k=3&at=" + LiveInstances.AT));
        assertItems(expectedTop(live.modelsA.get(0), "u-a1", 3, Set.of("i3")), body.get("items"));
        assertEquals("lr", body.get("model").asText(), "the first configured model by default");
        assertEquals("127.0.0.1:" + live.hostA.port(), body.get("servedBy").asText());
        assertEquals("127.0.0.1:" + live.hostB.port(), body.get("forwardedBy").asText());
    }

    @Test
    void shouldKeepSeenItemsWhenAskedAndRankOnlyTheGivenCandidates() throws Exception {
        final JsonNode all = json(live.get(live.hostB, "/v1/users/u-b1/recommendations?k=20&exclude=none&at="
            + LiveInstances.AT));
        assertEquals(0, all.get("excluded").asInt());
        assertItems(expectedTop(live.modelsB.get(0), "u-b1", 20, Set.of()), all.get("items"));
        final JsonNode some = json(live.get(live.hostB, "/v1/users/u-b1/recommendations?candidates=i2,i5,nope&at="
            + LiveInstances.AT));
        assertEquals(3, some.get("candidates").asInt());
        assertEquals(1, some.get("excluded").asInt(), "i2 was seen");
        assertEquals(List.of("nope"), List.of(some.get("unknownItems").get(0).asText()));
        assertEquals(2, some.get("items").size());
    }

    @Test
    void shouldAnswerAnUnknownUserWithTheColdStartRanking() throws Exception {
        final JsonNode body = json(live.get(live.hostA, "/v1/users/u-a-new/recommendations?k=4&at="
            + LiveInstances.AT));
        assertTrue(body.get("coldStart").asBoolean());
        assertEquals(0, body.get("excluded").asInt());
        assertItems(expectedTop(live.modelsA.get(0), "u-a-new", 4, Set.of()), body.get("items"));
    }

    @Test
    void shouldScorePairsOnTheirOwnersInRequestOrder() throws Exception {
        final String request = "{\"pairs\": [{\"user\": \"u-b1\", \"item\": \"i1\", \"at\": " + LiveInstances.AT
            + "}, {\"user\": \"u-a1\", \"item\": \"i2\", \"at\": \"2023-11-14T22:13:20Z\"},"
            + " {\"user\": \"u-b1\", \"item\": \"i7\", \"at\": " + LiveInstances.AT + "}]}";
        final HttpResponse<String> response = live.post(live.hostA, "/v1/score", request);
        assertEquals(200, response.statusCode(), response.body());
        final JsonNode results = json(response).get("results");
        assertEquals(3, results.size());
        final String[][] expected = {{"u-b1", "i1"}, {"u-a1", "i2"}, {"u-b1", "i7"}};
        for (int i = 0; i < 3; i++) {
            final JsonNode r = results.get(i);
            assertEquals(expected[i][0], r.get("user").asText());
            assertEquals(expected[i][1], r.get("item").asText());
            final List<OnlineModel> models = expected[i][0].equals("u-a1") ? live.modelsA : live.modelsB;
            assertEquals(models.size(), r.get("scores").size());
            for (int m = 0; m < models.size(); m++) {
                assertEquals(models.get(m).name(), r.get("scores").get(m).get("model").asText());
                assertEquals(live.predict(models.get(m), expected[i][0], expected[i][1]),
                    r.get("scores").get(m).get("score").asDouble(), 0.0);
            }
            assertEquals(expected[i][0].equals("u-a1") ? "1_0" : "1_1", r.get("taskId").asText());
        }
    }

    @Test
    void shouldRejectBadRequestsWithAJsonError() throws Exception {
        final Map<HttpResponse<String>, String> cases = Map.of(
            live.get(live.hostA, "/v1/users/u-a1/recommendations?k=0"), "bad_request",
            live.get(live.hostA, "/v1/users/u-a1/recommendations?limit=3"), "bad_request",
            live.get(live.hostA, "/v1/users/u-a1/recommendations?model=nope"), "unknown_model",
            live.get(live.hostA, "/v1/users/u-a1/recommendations?at=yesterday"), "bad_request",
            live.post(live.hostA, "/v1/score", "{\"pairs\": [{\"user\": \"u-a1\""), "bad_request",
            live.post(live.hostA, "/v1/score", "[1, 2]"), "bad_request",
            live.post(live.hostA, "/v1/score", "{\"pairs\": [{\"user\": \"u-a1\", \"item\": 3}]}"), "bad_request",
            live.get(live.hostA, "/v1/score"), "method_not_allowed",
            live.get(live.hostA, "/v1/things"), "not_found");
        for (final Map.Entry<HttpResponse<String>, String> c : cases.entrySet()) {
            final JsonNode body = json(c.getKey());
            assertEquals(c.getValue(), body.get("error").asText(), c.getKey().uri() + ": " + c.getKey().body());
            assertEquals(c.getKey().statusCode(), body.get("status").asInt());
            assertTrue(c.getKey().statusCode() >= 400 && c.getKey().statusCode() < 500, c.getKey().body());
            assertFalse(body.get("message").asText().isEmpty());
        }
    }

    @Test
    void shouldAnswer503WhenTheOwnersTaskIsRestoringOrAForwardedRequestMissesTheOwner() throws Exception {
        final HttpResponse<String> restoring = live.get(live.hostB, "/v1/users/u-r1/recommendations");
        assertEquals(503, restoring.statusCode());
        assertEquals("task_restoring", json(restoring).get("error").asText(), "forwarded to A, which restores");
        final HttpResponse<String> moved = live.get(live.hostB, "/v1/users/u-a1/recommendations",
            QueryRouter.FORWARDED_BY, "127.0.0.1:1");
        assertEquals(503, moved.statusCode());
        assertEquals("not_owner", json(moved).get("error").asText(), "a forwarded request is not forwarded again");
    }

    @Test
    void shouldAnswerAnInternalFailureWithoutAStackTrace() throws Exception {
        final HttpResponse<String> response = live.get(live.hostA, "/v1/users/u-a-boom/recommendations");
        assertEquals(500, response.statusCode());
        final JsonNode body = json(response);
        assertEquals("internal", body.get("error").asText());
        assertFalse(response.body().contains("at dev.streamrec"), response.body());
        assertFalse(response.body().contains("a store broke"), response.body());
    }
}
