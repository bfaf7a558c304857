package dev.streamrec.query;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.features.Task;
import dev.streamrec.schema.Attributes;

/**
 * Parses and validates live-query requests; everything wrong with a request is a {@link QueryException} with a
 * 4xx status and a message naming the field. Unknown parameters and fields are rejected (a typo is not ignored).
 */
public final class QueryParser {
    /** The default and the largest {@code k}. */
    public static final int DEFAULT_K = 10;
    public static final int MAX_K = 1_000;
    /** At most this many candidates or pairs per request. */
    public static final int MAX_ITEMS = 10_000;
    /** Ids, group names and values at most this long (the stream's default {@code streamrec.limit.id.length}). */
    public static final int MAX_LENGTH = 256;
    /** At most this many context groups (the stream's default {@code streamrec.limit.groups}). */
    public static final int MAX_GROUPS = 64;

    private static final Set<String> RECOMMENDATION_FIELDS = Set.of("k", "model", "candidates", "exclude", "task",
        "at", "context");
    private static final Set<String> SCORE_FIELDS = Set.of("model", "pairs");
    private static final Set<String> PAIR_FIELDS = Set.of("user", "item", "task", "at", "context");

    private final ObjectMapper json;

    public QueryParser(final ObjectMapper json) {
        this.json = json;
    }

    /** {@code GET /v1/users/{user}/recommendations?k=&model=&candidates=a,b&exclude=seen|none&task=&at=}. */
    public RecommendationQuery recommendationsFromQuery(final String user, final String rawQuery) {
        final Map<String, String> params = queryParameters(rawQuery);
        for (final String name : params.keySet()) {
            if (!RECOMMENDATION_FIELDS.contains(name) || "context".equals(name)) {
                throw QueryException.badRequest("unknown parameter " + name + "; known: k, model, candidates, "
                    + "exclude, task, at (context only in a POST body)");
            }
        }
        final String candidates = params.get("candidates");
        return new RecommendationQuery(id("user", user), params.get("model"), k(params.get("k")),
            candidates == null || candidates.isEmpty() ? List.of() : ids("candidates", List.of(candidates.split(","))),
            exclude(params.get("exclude")), task(params.get("task")), at(params.get("at")), emptyContext());
    }

    /** {@code POST /v1/users/{user}/recommendations} with a JSON body of the same fields (and {@code context}). */
    public RecommendationQuery recommendationsFromBody(final String user, final byte[] body) {
        final JsonNode root = object(body, "the body");
        fields(root, RECOMMENDATION_FIELDS, "the body");
        final List<String> candidates = new ArrayList<>();
        final JsonNode list = root.get("candidates");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw QueryException.badRequest("candidates must be an array of item ids");
            }
            list.forEach(node -> candidates.add(text(node, "a candidate")));
        }
        return new RecommendationQuery(id("user", user), optionalText(root, "model"),
            k(root.has("k") ? root.get("k").asText() : null), ids("candidates", candidates),
            exclude(optionalText(root, "exclude")), task(optionalText(root, "task")),
            at(root.has("at") ? root.get("at").asText() : null), context(root.get("context")));
    }

    /** {@code POST /v1/score}: {@code {"model": optional, "pairs": [{"user", "item", "task", "at", "context"}]}}. */
    public ScoreQuery score(final byte[] body) {
        final JsonNode root = object(body, "the body");
        fields(root, SCORE_FIELDS, "the body");
        final JsonNode pairs = root.get("pairs");
        if (pairs == null || !pairs.isArray() || pairs.isEmpty()) {
            throw QueryException.badRequest("pairs must be a non-empty array of {\"user\", \"item\"} objects");
        }
        if (pairs.size() > MAX_ITEMS) {
            throw QueryException.badRequest(pairs.size() + " pairs; at most " + MAX_ITEMS + " per request");
        }
        final List<ScoreQuery.Pair> parsed = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            final JsonNode pair = pairs.get(i);
            final String where = "pairs[" + i + "]";
            if (!pair.isObject()) {
                throw QueryException.badRequest(where + " must be an object");
            }
            fields(pair, PAIR_FIELDS, where);
            parsed.add(new ScoreQuery.Pair(id(where + ".user", text(pair.get("user"), where + ".user")),
                id(where + ".item", text(pair.get("item"), where + ".item")), task(optionalText(pair, "task")),
                at(pair.has("at") ? pair.get("at").asText() : null), context(pair.get("context"))));
        }
        return new ScoreQuery(optionalText(root, "model"), parsed);
    }

    /** The decoded parameters of a raw query string; a repeated parameter is an error. */
    static Map<String, String> queryParameters(final String rawQuery) {
        final Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (final String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            final int eq = part.indexOf('=');
            final String name = decode(eq < 0 ? part : part.substring(0, eq));
            final String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            if (params.put(name, value) != null) {
                throw QueryException.badRequest("parameter " + name + " given twice");
            }
        }
        return params;
    }

    static String decode(final String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw QueryException.badRequest("malformed percent-encoding in " + raw);
        }
    }

    private JsonNode object(final byte[] body, final String what) {
        final JsonNode root;
        try {
            root = json.readTree(body);
        } catch (final JacksonException e) {
            throw QueryException.badRequest(what + " is not JSON: " + e.getOriginalMessage());
        } catch (final IOException e) {
            throw QueryException.badRequest(what + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw QueryException.badRequest(what + " must be a JSON object");
        }
        return root;
    }

    private static void fields(final JsonNode node, final Set<String> known, final String where) {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                throw QueryException.badRequest("unknown field " + name + " in " + where + "; known: "
                    + new java.util.TreeSet<>(known));
            }
        }
    }

    private static String text(final JsonNode node, final String what) {
        if (node == null || !node.isTextual()) {
            throw QueryException.badRequest(what + " must be a string");
        }
        return node.asText();
    }

    private static String optionalText(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(value, field);
    }

    static String id(final String what, final String value) {
        if (value == null || value.isEmpty()) {
            throw QueryException.badRequest(what + " must be a non-empty id");
        }
        if (value.length() > MAX_LENGTH) {
            throw QueryException.badRequest(what + " is " + value.length() + " chars; at most " + MAX_LENGTH);
        }
        return value;
    }

    private static List<String> ids(final String what, final List<String> values) {
        if (values.size() > MAX_ITEMS) {
            throw QueryException.badRequest(values.size() + " " + what + "; at most " + MAX_ITEMS + " per request");
        }
        return values.stream().map(v -> id("each of " + what, v)).toList();
    }

    static int k(final String value) {
        if (value == null) {
            return DEFAULT_K;
        }
        try {
            final int k = Integer.parseInt(value);
            if (k >= 1 && k <= MAX_K) {
                return k;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw QueryException.badRequest("k must be an integer from 1 to " + MAX_K + ", not " + value);
    }

    static boolean exclude(final String value) {
        if (value == null || "seen".equals(value)) {
            return true;
        }
        if ("none".equals(value)) {
            return false;
        }
        throw QueryException.badRequest("exclude must be seen (the default) or none, not " + value);
    }

    static Task task(final String value) {
        if (value == null || "click".equals(value)) {
            return Task.CLICK;
        }
        if ("rating".equals(value)) {
            return Task.RATING;
        }
        throw QueryException.badRequest("task must be click (the default) or rating, not " + value);
    }

    /** Epoch milliseconds or an ISO-8601 instant ({@code 1998-04-01T12:00:00Z}); null when absent. */
    static Long at(final String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (final NumberFormatException notMillis) {
            try {
                return Instant.parse(value).toEpochMilli();
            } catch (final DateTimeParseException | ArithmeticException e) {
                throw QueryException.badRequest("at must be epoch milliseconds or an ISO-8601 instant, not " + value);
            }
        }
    }

    /** An empty event context (no categorical, no numeric group). */
    public static Attributes emptyContext() {
        return new Attributes(new HashMap<>(), new HashMap<>());
    }

    /** {@code {"categorical": {"group": ["v", ...]}, "numeric": {"group": 1.5}}}, within the stream's limits. */
    static Attributes context(final JsonNode node) {
        if (node == null || node.isNull()) {
            return emptyContext();
        }
        if (!node.isObject()) {
            throw QueryException.badRequest("context must be an object {\"categorical\": {...}, \"numeric\": {...}}");
        }
        fields(node, Set.of("categorical", "numeric"), "context");
        final Map<String, List<String>> categorical = new HashMap<>();
        final Map<String, Double> numeric = new HashMap<>();
        final JsonNode cat = node.get("categorical");
        if (cat != null && !cat.isNull()) {
            if (!cat.isObject()) {
                throw QueryException.badRequest("context.categorical must map groups to arrays of strings");
            }
            cat.fields().forEachRemaining(entry -> {
                final List<String> values = new ArrayList<>();
                if (!entry.getValue().isArray() || entry.getValue().size() > MAX_LENGTH) {
                    throw QueryException.badRequest("context.categorical." + entry.getKey()
                        + " must be an array of at most " + MAX_LENGTH + " strings");
                }
                entry.getValue().forEach(v -> values.add(id("a value of context.categorical." + entry.getKey(),
                    text(v, "a value of context.categorical." + entry.getKey()))));
                categorical.put(id("a context group", entry.getKey()), values);
            });
        }
        final JsonNode num = node.get("numeric");
        if (num != null && !num.isNull()) {
            if (!num.isObject()) {
                throw QueryException.badRequest("context.numeric must map groups to numbers");
            }
            num.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isNumber() || !Double.isFinite(entry.getValue().asDouble())) {
                    throw QueryException.badRequest("context.numeric." + entry.getKey() + " must be a finite number");
                }
                numeric.put(id("a context group", entry.getKey()), entry.getValue().asDouble());
            });
        }
        if (categorical.size() + numeric.size() > MAX_GROUPS) {
            throw QueryException.badRequest("context has " + (categorical.size() + numeric.size())
                + " groups; at most " + MAX_GROUPS);
        }
        return new Attributes(new HashMap<>(categorical), new HashMap<>(numeric));
    }
}
