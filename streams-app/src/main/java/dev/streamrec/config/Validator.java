package dev.streamrec.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A check of one setting's value, with the description the configuration reference shows (as Kafka's
 * {@code ConfigDef.Validator}). Checks that span several settings stay in the config records' constructors.
 */
public record Validator(String description, Predicate<Object> test) {
    /** Accepts every value. */
    public static final Validator ANY = new Validator("", value -> true);

    /** Throws {@link IllegalArgumentException} naming {@code key} when {@code value} fails. */
    public void ensure(final String key, final Object value) {
        if (!test.test(value)) {
            throw new IllegalArgumentException(key + " must be " + description + ", got " + value);
        }
    }

    /** A finite number {@code >= min}. */
    public static Validator atLeast(final double min) {
        return new Validator("finite and >= " + show(min), v -> finite(v) && number(v) >= min);
    }

    /** A finite number {@code > min}. */
    public static Validator above(final double min) {
        return new Validator("finite and > " + show(min), v -> finite(v) && number(v) > min);
    }

    /** A finite number in {@code [min, max]}. */
    public static Validator between(final double min, final double max) {
        return new Validator("in [" + show(min) + ", " + show(max) + "]",
            v -> finite(v) && number(v) >= min && number(v) <= max);
    }

    /** A finite number. */
    public static Validator finiteNumber() {
        return new Validator("finite", Validator::finite);
    }

    /** Every entry of a list of numbers in {@code [min, max]}; the list not empty. */
    public static Validator nonEmptyListBetween(final double min, final double max) {
        return new Validator("a non-empty list, entries in [" + show(min) + ", " + show(max) + "]",
            v -> !((List<?>) v).isEmpty() && ((List<?>) v).stream().allMatch(e -> number(e) >= min
                && number(e) <= max));
    }

    /** A list that is not empty. */
    public static Validator nonEmptyList() {
        return new Validator("a non-empty list", v -> !((List<?>) v).isEmpty());
    }

    /** One of {@code choices}, case-insensitive. */
    public static Validator oneOf(final String... choices) {
        final List<String> lower = List.of(choices).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        return new Validator("one of " + String.join(", ", choices),
            v -> lower.contains(String.valueOf(v).toLowerCase(Locale.ROOT)));
    }

    /** Empty, or one of {@code choices}, case-insensitive. */
    public static Validator emptyOrOneOf(final String... choices) {
        final Validator one = oneOf(choices);
        return new Validator("empty or " + one.description(), v -> String.valueOf(v).isEmpty() || one.test().test(v));
    }

    private static boolean finite(final Object v) {
        return Double.isFinite(number(v));
    }

    private static double number(final Object v) {
        return ((Number) v).doubleValue();
    }

    private static String show(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
