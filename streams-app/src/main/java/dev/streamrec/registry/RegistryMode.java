package dev.streamrec.registry;

import java.util.Locale;

/**
 * The registry modes the embedded registry enforces ({@code GET|PUT /mode}): {@code READWRITE} accepts
 * registrations and deletions, {@code READONLY} refuses them with
 * {@link SchemaRegistryException#OPERATION_NOT_PERMITTED}. Confluent's {@code IMPORT} and
 * {@code READONLY_OVERRIDE} are not supported and are refused like an unknown mode.
 */
public enum RegistryMode {
    READWRITE,
    READONLY;

    /**
     * Parses a mode as the REST API spells it (case-insensitive).
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#INVALID_MODE}
     */
    public static RegistryMode parse(final String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException | NullPointerException e) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_MODE, "Invalid mode " + name
                    + ". Valid values here are READWRITE and READONLY (IMPORT and READONLY_OVERRIDE are not "
                    + "supported by the embedded registry)");
        }
    }
}
