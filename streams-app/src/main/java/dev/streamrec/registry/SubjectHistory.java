package dev.streamrec.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one subject, soft-deleted ones included, in version order. Version numbers are never reused
 * while any version remains: a new version is numbered one past the highest one held (soft-deleted or not).
 * Not thread-safe: {@link InMemorySchemaRegistry} guards it.
 */
final class SubjectHistory {
    /** One version: its number, the global schema id, and whether it is soft-deleted. */
    record Entry(int version, int id, boolean deleted) {
    }

    private final String subject;
    private final List<Entry> entries = new ArrayList<>();

    SubjectHistory(final String subject) {
        this.subject = subject;
    }

    /** True when no version remains at all (the subject is gone, as after a hard delete). */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** True when at least one version is not soft-deleted (the subject is listed). */
    boolean isLive() {
        return entries.stream().anyMatch(e -> !e.deleted());
    }

    List<Entry> entries(final boolean includeDeleted) {
        return entries.stream().filter(e -> includeDeleted || !e.deleted()).toList();
    }

    /** The latest version holding {@code id}. */
    Optional<Entry> find(final int id, final boolean includeDeleted) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            final Entry entry = entries.get(i);
            if (entry.id() == id && (includeDeleted || !entry.deleted())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    Entry add(final int id) {
        final Entry entry = new Entry(entries.isEmpty() ? 1 : entries.get(entries.size() - 1).version() + 1, id,
                false);
        entries.add(entry);
        return entry;
    }

    /** One version; 40402 when it is not held (or soft-deleted and {@code includeDeleted} is false). */
    Entry entry(final int version, final boolean includeDeleted) {
        for (final Entry entry : entries) {
            if (entry.version() == version && (includeDeleted || !entry.deleted())) {
                return entry;
            }
        }
        throw SchemaRegistryException.of(SchemaRegistryException.VERSION_NOT_FOUND,
                "Version " + version + " not found.");
    }

    /** The highest version; 40401 when there is none (or none live and {@code includeDeleted} is false). */
    Entry latest(final boolean includeDeleted) {
        final List<Entry> candidates = entries(includeDeleted);
        if (candidates.isEmpty()) {
            throw notFound(subject);
        }
        return candidates.get(candidates.size() - 1);
    }

    /** Soft-deletes every live version; returns their numbers. */
    List<Integer> softDeleteAll() {
        final List<Integer> deleted = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            final Entry entry = entries.get(i);
            if (!entry.deleted()) {
                entries.set(i, new Entry(entry.version(), entry.id(), true));
                deleted.add(entry.version());
            }
        }
        return deleted;
    }

    void softDelete(final int version) {
        entries.replaceAll(e -> e.version() == version ? new Entry(version, e.id(), true) : e);
    }

    void remove(final int version) {
        entries.removeIf(e -> e.version() == version);
    }

    /** A subject delete: 40404 when soft-deleting a soft-deleted subject, 40405 when hard-deleting a live one. */
    void requireDeletable(final boolean permanent) {
        if (!permanent && !isLive()) {
            throw SchemaRegistryException.of(SchemaRegistryException.SUBJECT_SOFT_DELETED, "Subject '" + subject
                    + "' was soft deleted.Set permanent=true to delete permanently");
        }
        if (permanent && isLive()) {
            throw SchemaRegistryException.of(SchemaRegistryException.SUBJECT_NOT_SOFT_DELETED, "Subject '"
                    + subject + "' was not deleted first before being permanently deleted");
        }
    }

    /** A version delete: 40406 when soft-deleting a soft-deleted version, 40407 when hard-deleting a live one. */
    void requireDeletable(final int version, final boolean permanent) {
        final boolean deleted = entry(version, true).deleted();
        if (!permanent && deleted) {
            throw SchemaRegistryException.of(SchemaRegistryException.VERSION_SOFT_DELETED, "Subject '" + subject
                    + "' Version " + version + " was soft deleted.Set permanent=true to delete permanently");
        }
        if (permanent && !deleted) {
            throw SchemaRegistryException.of(SchemaRegistryException.VERSION_NOT_SOFT_DELETED, "Subject '"
                    + subject + "' Version " + version + " was not deleted first before being permanently deleted");
        }
    }

    static SchemaRegistryException notFound(final String subject) {
        return SchemaRegistryException.of(SchemaRegistryException.SUBJECT_NOT_FOUND,
                "Subject '" + subject + "' not found.");
    }
}
