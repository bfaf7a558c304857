package dev.streamrec.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The compatibility levels ({@code /config}) and modes ({@code /mode}) of a registry: one registry-wide value
 * each (defaults {@link CompatibilityLevel#BACKWARD} and {@link RegistryMode#READWRITE}) and optional per-subject
 * overrides. Guarded by the owning {@link InMemorySchemaRegistry}'s lock: callers outside it synchronize on that
 * registry.
 */
public final class RegistrySettings {
    private final Map<String, CompatibilityLevel> levelBySubject = new HashMap<>();
    private final Map<String, RegistryMode> modeBySubject = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private RegistryMode globalMode = RegistryMode.READWRITE;

    RegistrySettings() {
    }

    void setCompatibility(final String subject, final CompatibilityLevel level) {
        levelBySubject.put(Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(level, "level"));
    }

    void setGlobalCompatibility(final CompatibilityLevel level) {
        globalLevel = Objects.requireNonNull(level, "level");
    }

    CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    /** The level set for one subject, if any ({@code GET /config/{s}}). */
    public Optional<CompatibilityLevel> subjectCompatibility(final String subject) {
        return Optional.ofNullable(levelBySubject.get(subject));
    }

    CompatibilityLevel compatibility(final String subject) {
        return levelBySubject.getOrDefault(subject, globalLevel);
    }

    /** Sets the registry-wide mode ({@code PUT /mode}). */
    public void setGlobalMode(final RegistryMode mode) {
        globalMode = Objects.requireNonNull(mode, "mode");
    }

    /** The registry-wide mode ({@code GET /mode}). */
    public RegistryMode globalMode() {
        return globalMode;
    }

    /** Sets one subject's mode ({@code PUT /mode/{s}}). */
    public void setMode(final String subject, final RegistryMode mode) {
        modeBySubject.put(Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(mode, "mode"));
    }

    /** The mode set for one subject, if any ({@code GET /mode/{s}}). */
    public Optional<RegistryMode> subjectMode(final String subject) {
        return Optional.ofNullable(modeBySubject.get(subject));
    }

    /** The mode in force for a subject: its own, else the registry-wide one. */
    public RegistryMode mode(final String subject) {
        return modeBySubject.getOrDefault(subject, globalMode);
    }

    /** Drops a subject's overrides (a hard-deleted subject loses its config and mode, as in Confluent). */
    void forget(final String subject) {
        levelBySubject.remove(subject);
        modeBySubject.remove(subject);
    }
}
