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
 * <p>Semantics follow Confluent's registry: ids are global and start at 1; the same canonical schema (Avro's
 * {@link Schema#toString()} rendering, plus its {@link SchemaReference references}) keeps its id across subjects
 * and deletions; a schema already live in a subject is returned unchanged; a new schema gets the next version
 * only if the subject's compatibility level (else the global one, default {@link CompatibilityLevel#BACKWARD})
 * allows it against the live versions. Deletion is Confluent's: a soft delete hides versions from listings,
 * lookups and compatibility checks but keeps their ids readable; a hard ({@code permanent}) delete needs a soft
 * delete first and removes the versions; a version that another schema references cannot be deleted. In
 * {@link RegistryMode#READONLY} mode registrations and deletions are refused. Thread-safe: every operation is
 * atomic.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
    private record Stored(SchemaText text, Schema schema) {
    }

    private final Map<String, Integer> idByKey = new HashMap<>();
    private final Map<Integer, Stored> storedById = new HashMap<>();
    private final Map<String, SubjectHistory> subjects = new TreeMap<>();
    private final RegistrySettings settings = new RegistrySettings();

    /** Parses a schema text as received over the wire; throws {@link SchemaRegistryException#INVALID_SCHEMA}. */
    public static Schema parse(final String text) {
        return ReferencedSchemaParser.parse(SchemaText.of(text), r -> {
            throw new IllegalStateException("no references");
        }).schema();
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        return registerVersion(subject, schema).id();
    }

    /** Like {@link #register} but returns the whole registered (or already present) version. */
    public synchronized SchemaVersion registerVersion(final String subject, final Schema schema) {
        return registerText(subject, SchemaText.of(schema.toString()));
    }

    /** Registers a schema as the REST protocol carries it, references resolved against this registry. */
    public synchronized SchemaVersion registerText(final String subject, final SchemaText text) {
        Objects.requireNonNull(subject, "subject");
        final ReferencedSchemaParser.Parsed parsed = parseText(text);
        final SchemaText canonical = new SchemaText(parsed.canonical(), text.references());
        final Optional<SchemaVersion> existing = find(subject, canonical, false);
        if (existing.isPresent()) {
            return existing.get();
        }
        requireWritable(subject);
        final SubjectHistory history = subjects.get(subject);
        final List<Schema> live = history == null ? List.of() : schemas(history.entries(false));
        final String problem = compatibility(subject).incompatibility(live, parsed.schema());
        if (!problem.isEmpty()) {
            throw SchemaRegistryException.of(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\", details: " + problem);
        }
        final int id = idByKey.computeIfAbsent(key(canonical), k -> idByKey.size() + 1);
        storedById.putIfAbsent(id, new Stored(canonical, parsed.schema()));
        final SubjectHistory.Entry entry = subjects.computeIfAbsent(subject, SubjectHistory::new).add(id);
        return new SchemaVersion(subject, id, entry.version(), storedById.get(id).schema());
    }

    @Override
    public synchronized int lookup(final String subject, final Schema schema) {
        return lookupVersion(subject, schema).id();
    }

    /** The live version of {@code schema} in {@code subject}; 40401 or 40403 when absent. */
    public synchronized SchemaVersion lookupVersion(final String subject, final Schema schema) {
        return lookupText(subject, SchemaText.of(schema.toString()), false);
    }

    /** The version of a schema (with references) in {@code subject}; 40401 or 40403 when absent. */
    public synchronized SchemaVersion lookupText(final String subject, final SchemaText text,
                                                 final boolean includeDeleted) {
        history(subject, includeDeleted);
        final SchemaText canonical = new SchemaText(parseText(text).canonical(), text.references());
        return find(subject, canonical, includeDeleted).orElseThrow(() -> SchemaRegistryException.of(
                SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        return stored(id).schema();
    }

    /** The schema with a global id as the protocol carries it (canonical text and references). */
    public synchronized SchemaText textById(final int id) {
        return stored(id).text();
    }

    @Override
    public synchronized SchemaVersion latest(final String subject) {
        return versionOf(subject, history(subject, false).latest(false));
    }

    /** One live version (1-based) of a subject; 40401 for an unknown subject, 40402 for an unknown version. */
    public synchronized SchemaVersion version(final String subject, final int version) {
        return version(subject, version, false);
    }

    /** One version of a subject, soft-deleted ones included when {@code includeDeleted}. */
    public synchronized SchemaVersion version(final String subject, final int version, final boolean includeDeleted) {
        return versionOf(subject, history(subject, includeDeleted).entry(version, includeDeleted));
    }

    @Override
    public synchronized boolean checkCompatibility(final String subject, final Schema schema) {
        final SubjectHistory history = subjects.get(subject);
        final List<Schema> live = history == null ? List.of() : schemas(history.entries(false));
        return compatibility(subject).incompatibility(live, schema).isEmpty();
    }

    /**
     * Why {@code text} could not follow live version {@code version} of {@code subject} under its level, or an
     * empty string when it could; 40401 or 40402 when that version does not exist.
     */
    public synchronized String incompatibility(final String subject, final int version, final SchemaText text) {
        final Schema against = version(subject, version).schema();
        return compatibility(subject).incompatibility(List.of(against), parseText(text).schema());
    }

    @Override
    public synchronized void setCompatibility(final String subject, final CompatibilityLevel level) {
        settings.setCompatibility(subject, level);
    }

    /** Sets the registry-wide default level ({@code PUT /config}). */
    public synchronized void setGlobalCompatibility(final CompatibilityLevel level) {
        settings.setGlobalCompatibility(level);
    }

    /** The registry-wide default level ({@code GET /config}). */
    public synchronized CompatibilityLevel globalCompatibility() {
        return settings.globalCompatibility();
    }

    /** The level in force for a subject: its own, else the global one. */
    public synchronized CompatibilityLevel compatibility(final String subject) {
        return settings.compatibility(subject);
    }

    /** Runs {@code action} on the registry's levels and modes ({@code /config}, {@code /mode}) under its lock. */
    public synchronized <T> T withSettings(final java.util.function.Function<RegistrySettings, T> action) {
        return action.apply(settings);
    }

    /** All live subjects, sorted. */
    public synchronized List<String> subjects() {
        return subjects(false);
    }

    /** All subjects with a live version, or with any version when {@code includeDeleted}, sorted. */
    public synchronized List<String> subjects(final boolean includeDeleted) {
        return subjects.entrySet().stream().filter(e -> includeDeleted ? !e.getValue().isEmpty()
                : e.getValue().isLive()).map(Map.Entry::getKey).toList();
    }

    /** The live version numbers of a subject; 40401 for an unknown subject. */
    public synchronized List<Integer> versions(final String subject) {
        return versions(subject, false);
    }

    /** The version numbers of a subject, soft-deleted ones included when {@code includeDeleted}. */
    public synchronized List<Integer> versions(final String subject, final boolean includeDeleted) {
        return history(subject, includeDeleted).entries(includeDeleted).stream()
                .map(SubjectHistory.Entry::version).toList();
    }

    /** Every (subject, version) holding schema {@code id}; 40403 for an unknown id. */
    public synchronized List<SchemaVersion> versionsOf(final int id, final boolean includeDeleted) {
        stored(id);
        final List<SchemaVersion> found = new ArrayList<>();
        subjects.forEach((subject, history) -> history.entries(includeDeleted).stream()
                .filter(e -> e.id() == id).forEach(e -> found.add(versionOf(subject, e))));
        return found;
    }

    /** The ids of the schemas that reference version {@code version} of {@code subject}. */
    public synchronized List<Integer> referencedBy(final String subject, final int version) {
        version(subject, version, true);
        return subjects.values().stream().flatMap(h -> h.entries(true).stream()).map(SubjectHistory.Entry::id)
                .distinct().sorted().filter(id -> storedById.get(id).text().references().stream()
                        .anyMatch(r -> r.subject().equals(subject) && r.version() == version)).toList();
    }

    /**
     * Deletes a whole subject: soft (its live versions hidden; 40404 when already soft-deleted) or permanent
     * (every version removed; 40405 unless soft-deleted first). Returns the version numbers deleted.
     */
    public synchronized List<Integer> deleteSubject(final String subject, final boolean permanent) {
        final SubjectHistory history = history(subject, true);
        requireWritable(subject);
        history.requireDeletable(permanent);
        for (final SubjectHistory.Entry entry : history.entries(true)) {
            requireUnreferenced(subject, entry.version());
        }
        if (!permanent) {
            return history.softDeleteAll();
        }
        final List<Integer> removed = versions(subject, true);
        subjects.remove(subject);
        settings.forget(subject);
        forgetUnheldIds();
        return removed;
    }

    /**
     * Deletes one version: soft (40406 when already soft-deleted) or permanent (40407 unless soft-deleted first).
     * Returns its number.
     */
    public synchronized int deleteVersion(final String subject, final int version, final boolean permanent) {
        final SubjectHistory history = history(subject, true);
        history.entry(version, true);
        requireWritable(subject);
        history.requireDeletable(version, permanent);
        requireUnreferenced(subject, version);
        if (permanent) {
            history.remove(version);
            if (history.isEmpty()) {
                subjects.remove(subject);
            }
            forgetUnheldIds();
        } else {
            history.softDelete(version);
        }
        return version;
    }

    private ReferencedSchemaParser.Parsed parseText(final SchemaText text) {
        return ReferencedSchemaParser.parse(text, reference -> {
            try {
                return textById(version(reference.subject(), reference.version(), true).id());
            } catch (final SchemaRegistryException e) {
                throw SchemaRegistryException.of(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: reference "
                        + reference + " cannot be resolved: " + e.detail());
            }
        });
    }

    private Optional<SchemaVersion> find(final String subject, final SchemaText canonical,
                                         final boolean includeDeleted) {
        final Integer id = idByKey.get(key(canonical));
        final SubjectHistory history = subjects.get(subject);
        if (id == null || history == null || !storedById.containsKey(id)) {
            return Optional.empty();
        }
        return history.find(id, includeDeleted).map(e -> versionOf(subject, e));
    }

    private SubjectHistory history(final String subject, final boolean includeDeleted) {
        final SubjectHistory history = subjects.get(subject);
        if (history == null || history.isEmpty() || !includeDeleted && !history.isLive()) {
            throw SubjectHistory.notFound(subject);
        }
        return history;
    }

    private Stored stored(final int id) {
        final Stored stored = storedById.get(id);
        if (stored == null) {
            throw SchemaRegistryException.of(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return stored;
    }

    private SchemaVersion versionOf(final String subject, final SubjectHistory.Entry entry) {
        return new SchemaVersion(subject, entry.id(), entry.version(), storedById.get(entry.id()).schema());
    }

    private void requireWritable(final String subject) {
        if (settings.mode(subject) == RegistryMode.READONLY) {
            throw SchemaRegistryException.of(SchemaRegistryException.OPERATION_NOT_PERMITTED,
                    "Subject " + subject + " is in read-only mode");
        }
    }

    private void requireUnreferenced(final String subject, final int version) {
        final List<Integer> referrers = referencedBy(subject, version);
        if (!referrers.isEmpty()) {
            throw SchemaRegistryException.of(SchemaRegistryException.REFERENCE_EXISTS, "One or more references "
                    + "exist to the schema {subject=" + subject + ",version=" + version + "}: ids " + referrers);
        }
    }

    /** Ids no version holds any more are no longer served (their key keeps the id for a re-registration). */
    private void forgetUnheldIds() {
        storedById.keySet().removeIf(id -> subjects.values().stream()
                .noneMatch(h -> h.entries(true).stream().anyMatch(e -> e.id() == id)));
    }

    private List<Schema> schemas(final List<SubjectHistory.Entry> entries) {
        return entries.stream().map(e -> storedById.get(e.id()).schema()).toList();
    }

    private static String key(final SchemaText canonical) {
        return canonical.schema() + '\u0000' + canonical.references();
    }
}
