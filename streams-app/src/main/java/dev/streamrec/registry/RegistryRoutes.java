package dev.streamrec.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST endpoints of {@link EmbeddedSchemaRegistry}, as data: each {@link Route} is a method, a path pattern
 * such as {@code /subjects/{subject}/versions/{version}} and a handler over the {@link InMemorySchemaRegistry}.
 * {@code docs/schema-registry.md} documents exactly these routes (a test walks its table).
 *
 * <p>Status and error codes are Confluent's: a path no route matches is 404 / {@code error_code} 404, a known
 * path with another method 405 / 405. A version segment is a number from 1, {@code latest} or {@code -1};
 * anything else is 422 / 42202.
 */
final class RegistryRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One endpoint. */
    record Route(String method, String pattern, Handler handler) {
        Optional<Map<String, String>> match(final List<String> path) {
            final String[] parts = pattern.substring(1).split("/");
            if (pattern.equals("/") ? !path.isEmpty() : parts.length != path.size()) {
                return Optional.empty();
            }
            final Map<String, String> params = new HashMap<>();
            for (int i = 0; i < path.size(); i++) {
                if (parts[i].startsWith("{")) {
                    params.put(parts[i].substring(1, parts[i].length() - 1), path.get(i));
                } else if (!parts[i].equals(path.get(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(params);
        }
    }

    /** What a handler sees: path parameters, query parameters and the JSON body ({@code {}} when empty). */
    record Request(Map<String, String> params, Map<String, String> query, JsonNode body) {
        String param(final String name) {
            return params.get(name);
        }

        boolean flag(final String name) {
            return Boolean.parseBoolean(query.getOrDefault(name, "false"));
        }
    }

    /** A handler: returns the JSON answer (or a {@link RawSchema}). */
    @FunctionalInterface
    interface Handler {
        Object handle(Request request);
    }

    /** An answer that is a schema text itself, written as it is (the {@code .../schema} endpoints). */
    record RawSchema(String text) {
    }

    private final InMemorySchemaRegistry registry;
    private final List<Route> routes = new ArrayList<>();

    RegistryRoutes(final InMemorySchemaRegistry registry) {
        this.registry = registry;
        add("GET", "/", r -> JSON.createObjectNode());
        add("GET", "/subjects", r -> registry.subjects(r.flag("deleted")));
        add("POST", "/subjects/{subject}", r -> versionJson(registry.lookupText(r.param("subject"),
                RegistryJson.schemaText(r.body()), r.flag("deleted"))));
        add("DELETE", "/subjects/{subject}", r -> registry.deleteSubject(r.param("subject"), r.flag("permanent")));
        add("GET", "/subjects/{subject}/versions", r -> registry.versions(r.param("subject"), r.flag("deleted")));
        add("POST", "/subjects/{subject}/versions", r -> idJson(registry.registerText(r.param("subject"),
                RegistryJson.schemaText(r.body())).id()));
        add("GET", "/subjects/{subject}/versions/{version}", r -> versionJson(version(r, r.flag("deleted"))));
        add("DELETE", "/subjects/{subject}/versions/{version}", r -> registry.deleteVersion(r.param("subject"),
                versionNumber(r, r.flag("permanent")), r.flag("permanent")));
        add("GET", "/subjects/{subject}/versions/{version}/schema", r -> new RawSchema(
                registry.textById(version(r, r.flag("deleted")).id()).schema()));
        add("GET", "/subjects/{subject}/versions/{version}/referencedby", r -> registry.referencedBy(
                r.param("subject"), versionNumber(r, true)));
        add("GET", "/schemas/types", r -> List.of("AVRO"));
        add("GET", "/schemas/ids/{id}", r -> RegistryJson.schemaJson(registry.textById(id(r))));
        add("GET", "/schemas/ids/{id}/schema", r -> new RawSchema(registry.textById(id(r)).schema()));
        add("GET", "/schemas/ids/{id}/subjects", r -> registry.versionsOf(id(r), r.flag("deleted")).stream()
                .map(SchemaVersion::subject).distinct().toList());
        add("GET", "/schemas/ids/{id}/versions", r -> subjectVersions(registry.versionsOf(id(r),
                r.flag("deleted"))));
        add("POST", "/compatibility/subjects/{subject}/versions/{version}", this::compatibility);
        add("GET", "/config", r -> levelJson(registry.globalCompatibility()));
        add("PUT", "/config", r -> {
            final CompatibilityLevel level = CompatibilityLevel.parse(r.body().path("compatibility").asText(null));
            registry.setGlobalCompatibility(level);
            return JSON.createObjectNode().put("compatibility", level.name());
        });
        add("GET", "/config/{subject}", r -> levelJson(registry.withSettings(s -> s.subjectCompatibility(
                r.param("subject")))
                .orElseThrow(() -> SchemaRegistryException.of(
                        SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED, "Subject '" + r.param("subject")
                                + "' does not have subject-level compatibility configured"))));
        add("PUT", "/config/{subject}", r -> {
            final CompatibilityLevel level = CompatibilityLevel.parse(r.body().path("compatibility").asText(null));
            registry.setCompatibility(r.param("subject"), level);
            return JSON.createObjectNode().put("compatibility", level.name());
        });
        add("GET", "/mode", r -> modeJson(registry.withSettings(RegistrySettings::globalMode)));
        add("PUT", "/mode", r -> {
            final RegistryMode mode = RegistryMode.parse(r.body().path("mode").asText(null));
            registry.withSettings(s -> {
                s.setGlobalMode(mode);
                return mode;
            });
            return modeJson(mode);
        });
        add("GET", "/mode/{subject}", r -> modeJson(registry.withSettings(s -> s.subjectMode(r.param("subject")))
                .orElseThrow(() -> SchemaRegistryException.of(SchemaRegistryException.SUBJECT_MODE_NOT_CONFIGURED,
                        "Subject '" + r.param("subject") + "' does not have subject-level mode configured"))));
        add("PUT", "/mode/{subject}", r -> {
            final RegistryMode mode = RegistryMode.parse(r.body().path("mode").asText(null));
            registry.withSettings(s -> {
                s.setMode(r.param("subject"), mode);
                return mode;
            });
            return modeJson(mode);
        });
    }

    /** The routes, in declaration order. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Answers one request; throws {@link SchemaRegistryException} for every error answer. */
    Object dispatch(final String method, final List<String> path, final Map<String, String> query,
                    final JsonNode body) {
        boolean pathKnown = false;
        for (final Route route : routes) {
            final Optional<Map<String, String>> params = route.match(path);
            if (params.isPresent()) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return route.handler().handle(new Request(params.get(), query, body));
                }
            }
        }
        final String where = method + " /" + String.join("/", path);
        throw pathKnown ? new SchemaRegistryException(405, 405, "HTTP 405 Method Not Allowed: " + where, null, null)
                : new SchemaRegistryException(404, 404, "HTTP 404 Not Found: " + where, null, null);
    }

    private void add(final String method, final String pattern, final Handler handler) {
        routes.add(new Route(method, pattern, handler));
    }

    private Object compatibility(final Request r) {
        final String subject = r.param("subject");
        final String problem = registry.incompatibility(subject, versionNumber(r, false),
                RegistryJson.schemaText(r.body()));
        final ObjectNode answer = JSON.createObjectNode().put("is_compatible", problem.isEmpty());
        if (r.flag("verbose")) {
            final ArrayNode messages = answer.putArray("messages");
            if (!problem.isEmpty()) {
                messages.add(problem);
            }
        }
        return answer;
    }

    private SchemaVersion version(final Request r, final boolean includeDeleted) {
        return registry.version(r.param("subject"), versionNumber(r, includeDeleted), includeDeleted);
    }

    /** The version segment as a number: {@code latest} and {@code -1} are the subject's highest version. */
    private int versionNumber(final Request r, final boolean includeDeleted) {
        final String text = r.param("version");
        if (text.equals("latest") || text.equals("-1")) {
            return includeDeleted ? registry.versions(r.param("subject"), true).stream()
                    .reduce((a, b) -> b).orElseThrow() : registry.latest(r.param("subject")).version();
        }
        try {
            final int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw SchemaRegistryException.of(SchemaRegistryException.INVALID_VERSION, "The specified version '" + text
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static int id(final Request r) {
        try {
            return Integer.parseInt(r.param("id"));
        } catch (final NumberFormatException e) {
            throw SchemaRegistryException.of(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + r.param("id")
                    + " not found");
        }
    }

    private ObjectNode versionJson(final SchemaVersion version) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("subject", version.subject());
        node.put("version", version.version());
        node.put("id", version.id());
        node.setAll(RegistryJson.schemaJson(registry.textById(version.id())));
        return node;
    }

    private static ArrayNode subjectVersions(final List<SchemaVersion> versions) {
        final ArrayNode array = JSON.createArrayNode();
        versions.forEach(v -> array.addObject().put("subject", v.subject()).put("version", v.version()));
        return array;
    }

    private static ObjectNode idJson(final int id) {
        return JSON.createObjectNode().put("id", id);
    }

    private static ObjectNode levelJson(final CompatibilityLevel level) {
        return JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    private static ObjectNode modeJson(final RegistryMode mode) {
        return JSON.createObjectNode().put("mode", mode.name());
    }
}
