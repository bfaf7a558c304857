package dev.streamrec.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-query HTTP API under {@code /v1/} (reference: {@code docs/live-queries.md}):
 * {@code GET|POST /v1/users/{user}/recommendations} and {@code POST /v1/score}. A request is validated first (a
 * bad one is answered 4xx here, never forwarded), then answered from this instance's live task of the user's
 * partition, or forwarded once to the owning instance. Every answer is JSON; errors are
 * {@code {"error": code, "message": ..., "status": n}} and never carry a stack trace.
 */
public final class QueryHandlers implements HttpHandler {
    /** The context path the handlers are mounted on. */
    public static final String PREFIX = "/v1/";
    /** The largest request body accepted (413 above). */
    public static final int MAX_BODY_BYTES = 4 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandlers.class);
    private static final Pattern RECOMMENDATIONS = Pattern.compile("^/v1/users/([^/]+)/recommendations$");

    private final LiveModels live;
    private final CandidateScorer scorer;
    private final Owners owners;
    private final IntFunction<QuerySources> sources;
    private final ObjectMapper json;
    private final QueryParser parser;

    /** @param sources the stores a query of a partition reads (the local task's) */
    public QueryHandlers(final LiveModels live, final CandidateScorer scorer, final Owners owners,
                         final IntFunction<QuerySources> sources, final ObjectMapper json) {
        this.live = live;
        this.scorer = scorer;
        this.owners = owners;
        this.sources = sources;
        this.json = json;
        this.parser = new QueryParser(json);
    }

    private record Answer(int status, byte[] body) { }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = route(exchange);
            } catch (final QueryException e) {
                answer = error(e.status(), e.code(), e.getMessage());
            } catch (final InvalidStateStoreException e) {
                answer = error(503, "store_unavailable", "a store of the owning task is not queryable here right now "
                    + "(migrating or restoring); retry");
            } catch (final RuntimeException e) {
                LOG.warn("live query {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                answer = error(500, "internal", e.getClass().getSimpleName() + " (details in the instance's log)");
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private Answer route(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getRawPath();
        final String method = exchange.getRequestMethod();
        final Matcher recommendations = RECOMMENDATIONS.matcher(path);
        if (recommendations.matches()) {
            final String user = QueryParser.decode(recommendations.group(1).replace("+", "%2B"));
            return switch (method) {
                case "GET" -> recommend(exchange,
                    parser.recommendationsFromQuery(user, exchange.getRequestURI().getRawQuery()), null);
                case "POST" -> {
                    final byte[] body = body(exchange);
                    if (exchange.getRequestURI().getRawQuery() != null) {
                        throw QueryException.badRequest("a POST takes its parameters in the JSON body only");
                    }
                    yield recommend(exchange, parser.recommendationsFromBody(user, body), body);
                }
                default -> throw notAllowed(method, "GET, POST");
            };
        }
        if ("/v1/score".equals(path)) {
            if (!"POST".equals(method)) {
                throw notAllowed(method, "POST");
            }
            return score(exchange, parser.score(body(exchange)));
        }
        throw new QueryException(404, "not_found", "no endpoint " + path + "; see GET|POST "
            + "/v1/users/{user}/recommendations and POST /v1/score");
    }

    private Answer recommend(final HttpExchange exchange, final RecommendationQuery query, final byte[] body)
        throws JsonProcessingException {
        final String forwardedBy = exchange.getRequestHeaders().getFirst(QueryRouter.FORWARDED_BY);
        final QueryRouter.Owner owner = owners.locate(query.user());
        if (!owner.local()) {
            notOwner(forwardedBy, owner);
            final String raw = exchange.getRequestURI().getRawQuery();
            final QueryRouter.Forwarded answer = owners.forward(owner.active(), exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (raw == null ? "" : "?" + raw), body);
            return new Answer(answer.status(), answer.body());
        }
        final LiveTask task = liveTask(owner);
        final ObjectNode node = json.valueToTree(scorer.recommend(task, query, sources.apply(owner.partition())));
        served(node, forwardedBy);
        return new Answer(200, json.writeValueAsBytes(node));
    }

    private Answer score(final HttpExchange exchange, final ScoreQuery query) throws IOException {
        final String forwardedBy = exchange.getRequestHeaders().getFirst(QueryRouter.FORWARDED_BY);
        final Map<Integer, List<Integer>> local = new TreeMap<>();
        final Map<HostInfo, List<Integer>> remote = new LinkedHashMap<>();
        final Map<Integer, QueryRouter.Owner> owners = new TreeMap<>();
        for (int i = 0; i < query.pairs().size(); i++) {
            final QueryRouter.Owner owner = this.owners.locate(query.pairs().get(i).user());
            if (owner.local()) {
                local.computeIfAbsent(owner.partition(), p -> new ArrayList<>()).add(i);
                owners.put(owner.partition(), owner);
            } else {
                notOwner(forwardedBy, owner);
                remote.computeIfAbsent(owner.active(), h -> new ArrayList<>()).add(i);
            }
        }
        final JsonNode[] results = new JsonNode[query.pairs().size()];
        for (final Map.Entry<Integer, List<Integer>> part : local.entrySet()) {
            final LiveTask task = liveTask(owners.get(part.getKey()));
            final List<PairScores> answers = scorer.score(task, subQuery(query, part.getValue()),
                sources.apply(part.getKey()));
            for (int j = 0; j < answers.size(); j++) {
                final ObjectNode node = json.valueToTree(answers.get(j));
                served(node, forwardedBy);
                results[part.getValue().get(j)] = node;
            }
        }
        for (final Map.Entry<HostInfo, List<Integer>> host : remote.entrySet()) {
            final QueryRouter.Forwarded answer = this.owners.forward(host.getKey(), "POST", "/v1/score",
                json.writeValueAsBytes(ScoreJson.toJson(json, subQuery(query, host.getValue()))));
            if (answer.status() != 200) {
                return new Answer(answer.status(), answer.body());
            }
            final JsonNode remoteResults = json.readTree(answer.body()).get("results");
            for (int j = 0; j < host.getValue().size(); j++) {
                results[host.getValue().get(j)] = remoteResults.get(j);
            }
        }
        final ObjectNode root = json.createObjectNode();
        final ArrayNode array = root.putArray("results");
        for (final JsonNode result : results) {
            array.add(result);
        }
        return new Answer(200, json.writeValueAsBytes(root));
    }

    private static ScoreQuery subQuery(final ScoreQuery query, final List<Integer> indexes) {
        return new ScoreQuery(query.model(), indexes.stream().map(query.pairs()::get).toList());
    }

    private LiveTask liveTask(final QueryRouter.Owner owner) {
        return live.task(owner.partition()).orElseThrow(() -> new QueryException(503, "task_restoring",
            "partition " + owner.partition() + " is owned here but its task is not running yet (restoring its "
                + "state); standbys: " + owner.standbys() + "; retry"));
    }

    private void served(final ObjectNode node, final String forwardedBy) {
        node.put("servedBy", owners.self().host() + ":" + owners.self().port());
        node.put("forwardedBy", forwardedBy);
        node.put("standby", false);
    }

    private static void notOwner(final String forwardedBy, final QueryRouter.Owner owner) {
        if (forwardedBy != null) {
            throw new QueryException(503, "not_owner", forwardedBy + " forwarded a request for partition "
                + owner.partition() + ", which this instance does not own (it moved to " + owner.active()
                + "); retry");
        }
    }

    private static byte[] body(final HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            final byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new QueryException(413, "too_large", "the body is over " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private static QueryException notAllowed(final String method, final String allowed) {
        return new QueryException(405, "method_not_allowed", method + " is not allowed here; use " + allowed);
    }

    private Answer error(final int status, final String code, final String message) {
        final ObjectNode node = json.createObjectNode();
        node.put("error", code);
        node.put("message", message);
        node.put("status", status);
        try {
            return new Answer(status, json.writeValueAsBytes(node));
        } catch (final JsonProcessingException e) {
            return new Answer(status, ("{\"error\":\"" + code + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
