package dev.streamrec.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory: the protocol's semantics without a server, for unit tests and as the core of
 * {@link EmbeddedSchemaRegistry}. Each instance is its own isolated registry (there is no static state; pass the
 * instance to whatever needs it).
 *
 * <p>Semantics follow Confluent's registry: ids are global and start at 1; the same schema text (Avro's
 * {@link Schema#toString()} rendering) keeps its id across subjects; a schema already in a subject is returned
 * unchanged; a new schema gets the next version only if the subject's compatibility level (else the global one,
 * default {@link CompatibilityLevel#BACKWARD}) allows it. Thread-safe: every operation is atomic.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
    private final Map<String, Integer> idByText = new HashMap<>();
    private final Map<Integer, Schema> schemaById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> levelBySubject = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

    /** Parses a schema text as received over the wire; throws {@link SchemaRegistryException#INVALID_SCHEMA}. */
    public static Schema parse(final String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (final RuntimeException e) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: " + e.getMessage());
        }
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        return registerVersion(subject, schema).id();
    }

    /** Like {@link #register} but returns the whole registered (or already present) version. */
    public synchronized SchemaVersion registerVersion(final String subject, final Schema schema) {
        Objects.requireNonNull(subject, "subject");
        final Optional<SchemaVersion> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        final List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        final String problem = compatibility(subject).incompatibility(schemas(ids), schema);
        if (!problem.isEmpty()) {
            throw SchemaRegistryException.of(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\", details: " + problem);
        }
        final String text = schema.toString();
        final int id = idByText.computeIfAbsent(text, t -> idByText.size() + 1);
        schemaById.putIfAbsent(id, schema);
        final List<Integer> updated = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        updated.add(id);
        return new SchemaVersion(subject, id, updated.size(), schemaById.get(id));
    }

    @Override
    public synchronized int lookup(final String subject, final Schema schema) {
        return lookupVersion(subject, schema).id();
    }

    /** The version of {@code schema} in {@code subject}; 40401 or 40403 when absent. */
    public synchronized SchemaVersion lookupVersion(final String subject, final Schema schema) {
        requireSubject(subject);
        return find(subject, schema).orElseThrow(() -> SchemaRegistryException.of(
                SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        final Schema schema = schemaById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.of(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized SchemaVersion latest(final String subject) {
        return version(subject, requireSubject(subject).size());
    }

    /** One version (1-based) of a subject; 40401 for an unknown subject, 40402 for an unknown version. */
    public synchronized SchemaVersion version(final String subject, final int version) {
        final List<Integer> ids = requireSubject(subject);
        if (version < 1 || version > ids.size()) {
            throw SchemaRegistryException.of(SchemaRegistryException.VERSION_NOT_FOUND,
                    "Version " + version + " not found.");
        }
        final int id = ids.get(version - 1);
        return new SchemaVersion(subject, id, version, schemaById.get(id));
    }

    @Override
    public synchronized boolean checkCompatibility(final String subject, final Schema schema) {
        final List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        return compatibility(subject).incompatibility(schemas(ids), schema).isEmpty();
    }

    @Override
    public synchronized void setCompatibility(final String subject, final CompatibilityLevel level) {
        levelBySubject.put(Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(level, "level"));
    }

    /** Sets the registry-wide default level ({@code PUT /config}). */
    public synchronized void setGlobalCompatibility(final CompatibilityLevel level) {
        globalLevel = Objects.requireNonNull(level, "level");
    }

    /** The registry-wide default level ({@code GET /config}). */
    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    /** The level set for one subject, if any ({@code GET /config/{s}}). */
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(final String subject) {
        return Optional.ofNullable(levelBySubject.get(subject));
    }

    /** The level in force for a subject: its own, else the global one. */
    public synchronized CompatibilityLevel compatibility(final String subject) {
        return levelBySubject.getOrDefault(subject, globalLevel);
    }

    /** All subjects with at least one version, sorted. */
    public synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    /** The version numbers of a subject ({@code [1, 2, ...]}); 40401 for an unknown subject. */
    public synchronized List<Integer> versions(final String subject) {
        final int count = requireSubject(subject).size();
        final List<Integer> versions = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            versions.add(v);
        }
        return versions;
    }

    private Optional<SchemaVersion> find(final String subject, final Schema schema) {
        final Integer id = idByText.get(schema.toString());
        final List<Integer> ids = idsBySubject.get(subject);
        if (id == null || ids == null) {
            return Optional.empty();
        }
        final int index = ids.indexOf(id);
        return index < 0 ? Optional.empty()
                : Optional.of(new SchemaVersion(subject, id, index + 1, schemaById.get(id)));
    }

    private List<Integer> requireSubject(final String subject) {
        final List<Integer> ids = idsBySubject.get(subject);
        if (ids == null) {
            throw SchemaRegistryException.of(SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found.");
        }
        return ids;
    }

    private List<Schema> schemas(final List<Integer> ids) {
        final List<Schema> schemas = new ArrayList<>(ids.size());
        for (final Integer id : ids) {
            schemas.add(schemaById.get(id));
        }
        return schemas;
    }
}
