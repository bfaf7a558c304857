package dev.streamrec.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The value types of a setting, with their text form: {@link #parse} reads a property value, {@link #format} writes
 * one that {@link #parse} reads back into an equal value ({@link Double#toString} and {@link Float#toString}
 * round-trip exactly).
 */
public enum SettingType {
    INT, LONG, FLOAT, DOUBLE, BOOLEAN, STRING,
    /** Comma-separated integers; "" is the empty list, a blank entry is an error. */
    INT_LIST,
    /** Comma-separated strings, each trimmed; blank entries are dropped. */
    STRING_LIST;

    /** The value of {@code text} (trimmed) as this type; throws {@link IllegalArgumentException} if it is not one. */
    public Object parse(final String text) {
        final String t = text.trim();
        return switch (this) {
            case INT -> Integer.parseInt(t);
            case LONG -> Long.parseLong(t);
            case FLOAT -> Float.parseFloat(t);
            case DOUBLE -> Double.parseDouble(t);
            case BOOLEAN -> parseBoolean(t);
            case STRING -> t;
            case INT_LIST -> parseInts(t);
            case STRING_LIST -> parseStrings(t);
        };
    }

    /** The text form of {@code value}, a value of this type. */
    public String format(final Object value) {
        return switch (this) {
            case INT_LIST, STRING_LIST -> String.join(",", ((List<?>) value).stream().map(String::valueOf).toList());
            default -> String.valueOf(value);
        };
    }

    /** The name the configuration reference shows. */
    public String displayName() {
        return switch (this) {
            case INT_LIST -> "list of int";
            case STRING_LIST -> "list of string";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static Boolean parseBoolean(final String t) {
        if (t.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (t.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static List<Integer> parseInts(final String t) {
        final List<Integer> out = new ArrayList<>();
        if (t.isEmpty()) {
            return List.copyOf(out);
        }
        for (final String part : t.split(",", -1)) {
            out.add(Integer.parseInt(part.trim()));
        }
        return List.copyOf(out);
    }

    private static List<String> parseStrings(final String t) {
        final List<String> out = new ArrayList<>();
        for (final String part : t.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }
}
