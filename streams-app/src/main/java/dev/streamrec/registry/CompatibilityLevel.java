package dev.streamrec.registry;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Confluent's compatibility levels, checked with Avro's {@link SchemaCompatibility}.
 *
 * <p>BACKWARD: a consumer using the new schema can read data written with the previous one (new = reader).
 * FORWARD: a consumer using the previous schema can read data written with the new one (new = writer). FULL: both.
 * The {@code _TRANSITIVE} variants check against every earlier version instead of only the latest. NONE accepts
 * everything.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(final boolean backward, final boolean forward, final boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * Parses a level name as the REST API spells it (case-insensitive).
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#INVALID_COMPATIBILITY_LEVEL}
     */
    public static CompatibilityLevel parse(final String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException | NullPointerException e) {
            throw SchemaRegistryException.of(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level: " + name);
        }
    }

    /**
     * Whether {@code candidate} may follow {@code previous} (oldest first) under this level.
     *
     * @return an empty string when compatible, otherwise a description of the first incompatibility
     */
    public String incompatibility(final List<Schema> previous, final Schema candidate) {
        if (previous.isEmpty()) {
            return "";
        }
        final List<Schema> against = transitive ? previous : List.of(previous.get(previous.size() - 1));
        for (final Schema old : against) {
            if (backward) {
                final String problem = problem(candidate, old, "BACKWARD");
                if (!problem.isEmpty()) {
                    return problem;
                }
            }
            if (forward) {
                final String problem = problem(old, candidate, "FORWARD");
                if (!problem.isEmpty()) {
                    return problem;
                }
            }
        }
        return "";
    }

    private static String problem(final Schema reader, final Schema writer, final String direction) {
        final SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return "";
        }
        return direction + ": " + result.getResult().getIncompatibilities();
    }
}
