package dev.streamrec.events;

import java.util.Map;

/**
 * Upper bounds on every variable-size input field, checked by {@link EventValidator} before a record reaches the
 * featurizer, the models or any persisted format. A record over a limit is dead-lettered with
 * {@link RejectReason#FIELD_TOO_LONG}, {@link RejectReason#TOO_MANY_VALUES} or
 * {@link RejectReason#VALUE_OUT_OF_RANGE}, the field named in the detail; nothing is ever truncated. Lengths count
 * UTF-16 chars ({@link String#length()}), so every persisted format must hold three UTF-8 bytes per char.
 *
 * @param idLength        longest event, user or item id
 * @param groups          most feature groups in one {@code Attributes} (categorical and numeric together)
 * @param valuesPerGroup  most values of one categorical group
 * @param valueLength     longest feature-group name or categorical value
 * @param textLength      longest free text (an item's title, a user's text)
 * @param numericMagnitude largest absolute value of a numeric attribute
 */
public record FieldLimits(int idLength, int groups, int valuesPerGroup, int valueLength, int textLength,
                          double numericMagnitude) {
    /** Property keys of the limits (under {@code streamrec.limit.} in the application's configuration). */
    public static final String ID_LENGTH = "id.length";
    public static final String GROUPS = "groups";
    public static final String VALUES_PER_GROUP = "values.per.group";
    public static final String VALUE_LENGTH = "value.length";
    public static final String TEXT_LENGTH = "text.length";
    public static final String NUMERIC_MAGNITUDE = "numeric.magnitude";

    public FieldLimits {
        positive("idLength", idLength);
        positive("groups", groups);
        positive("valuesPerGroup", valuesPerGroup);
        positive("valueLength", valueLength);
        positive("textLength", textLength);
        if (!(numericMagnitude > 0) || Double.isNaN(numericMagnitude)) {
            throw new IllegalArgumentException("numericMagnitude must be positive, got " + numericMagnitude);
        }
    }

    /** The defaults: ids of 256 chars, 64 groups of 256 values of 256 chars, texts of 10,000 chars, |x| <= 1e12. */
    public static FieldLimits defaults() {
        return new FieldLimits(256, 64, 256, 256, 10_000, 1e12);
    }

    /** The limits as properties, keyed as under {@code streamrec.limit.} without that prefix. */
    public Map<String, String> toProperties() {
        return Map.of(ID_LENGTH, Integer.toString(idLength), GROUPS, Integer.toString(groups),
            VALUES_PER_GROUP, Integer.toString(valuesPerGroup), VALUE_LENGTH, Integer.toString(valueLength),
            TEXT_LENGTH, Integer.toString(textLength), NUMERIC_MAGNITUDE, Double.toString(numericMagnitude));
    }

    /** Parses {@link #toProperties()} output; absent keys take their defaults. */
    public static FieldLimits fromProperties(final Map<String, String> p) {
        final FieldLimits d = defaults();
        return new FieldLimits(
            Integer.parseInt(p.getOrDefault(ID_LENGTH, Integer.toString(d.idLength))),
            Integer.parseInt(p.getOrDefault(GROUPS, Integer.toString(d.groups))),
            Integer.parseInt(p.getOrDefault(VALUES_PER_GROUP, Integer.toString(d.valuesPerGroup))),
            Integer.parseInt(p.getOrDefault(VALUE_LENGTH, Integer.toString(d.valueLength))),
            Integer.parseInt(p.getOrDefault(TEXT_LENGTH, Integer.toString(d.textLength))),
            Double.parseDouble(p.getOrDefault(NUMERIC_MAGNITUDE, Double.toString(d.numericMagnitude))));
    }

    private static void positive(final String name, final int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
