package dev.streamrec.events;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventValidatorTest {
    private static final Instant TIME = Instant.parse("2024-05-01T12:00:00Z");
    private final EventValidator validator = new EventValidator();

    private static Attributes attributes(final Map<String, Double> numeric) {
        return new Attributes(new HashMap<>(Map.of("device", List.of("mobile"))), new HashMap<>(numeric));
    }

    private static ImpressionEvent impression() {
        return new ImpressionEvent("e1", "u1", "i1", TIME, true, attributes(Map.of("position", 3.0)));
    }

    private static RatingEvent rating(final float value) {
        return new RatingEvent("e2", "u1", "i1", TIME, value, attributes(Map.of()));
    }

    private static void assertRejected(final RejectReason expected, final Validation actual) {
        assertFalse(actual.isOk(), "expected " + expected + " but was accepted");
        final Validation.Rejection rejection = (Validation.Rejection) actual;
        assertEquals(expected, rejection.reason(), rejection.detail());
        assertFalse(rejection.detail().isBlank());
    }

    @Test
    void acceptsValidRecordsWithTheSharedOkInstance() {
        assertSame(Validation.OK, validator.validate("u1", impression()));
        assertSame(Validation.OK, validator.validate("u1", rating(4f)));
        assertSame(Validation.OK, validator.validate("u1", rating(1f)));
        assertSame(Validation.OK, validator.validate("u1", rating(5f)));
        assertSame(Validation.OK, validator.validate("u1",
                new UserProfile("u1", attributes(Map.of("age", 30.0)), null, TIME)));
        assertSame(Validation.OK, validator.validate("i1",
                new ItemProfile("i1", attributes(Map.of()), "A Film", TIME)));
    }

    @Test
    void rejectsMissingEventId() {
        final ImpressionEvent event = impression();
        event.setEventId("");
        assertRejected(RejectReason.MISSING_EVENT_ID, validator.validate("u1", event));
        event.setEventId(null);
        assertRejected(RejectReason.MISSING_EVENT_ID, validator.validate("u1", event));
    }

    @Test
    void rejectsMissingUserId() {
        final RatingEvent event = rating(3f);
        event.setUserId(" ");
        assertRejected(RejectReason.MISSING_USER_ID, validator.validate("u1", event));
        assertRejected(RejectReason.MISSING_USER_ID,
                validator.validate("", new UserProfile("", attributes(Map.of()), null, TIME)));
    }

    @Test
    void rejectsMissingItemId() {
        final ImpressionEvent event = impression();
        event.setItemId(null);
        assertRejected(RejectReason.MISSING_ITEM_ID, validator.validate("u1", event));
        assertRejected(RejectReason.MISSING_ITEM_ID,
                validator.validate("i1", new ItemProfile("", attributes(Map.of()), null, TIME)));
    }

    @Test
    void rejectsKeyThatDiffersFromUserIdOrIsNull() {
        assertRejected(RejectReason.KEY_MISMATCH, validator.validate("u2", impression()));
        assertRejected(RejectReason.KEY_MISMATCH, validator.validate(null, rating(3f)));
        assertRejected(RejectReason.KEY_MISMATCH,
                validator.validate("i2", new ItemProfile("i1", attributes(Map.of()), null, TIME)));
    }

    @Test
    void rejectsNaNRating() {
        assertRejected(RejectReason.NON_FINITE_VALUE, validator.validate("u1", rating(Float.NaN)));
        assertRejected(RejectReason.NON_FINITE_VALUE, validator.validate("u1", rating(Float.POSITIVE_INFINITY)));
    }

    @Test
    void rejectsNonFiniteNumericAttribute() {
        final Validation v = validator.validate("u1", new ImpressionEvent("e1", "u1", "i1", TIME, false,
                attributes(Map.of("position", Double.NEGATIVE_INFINITY))));
        assertRejected(RejectReason.NON_FINITE_VALUE, v);
        assertTrue(((Validation.Rejection) v).detail().contains("position"));
        assertRejected(RejectReason.NON_FINITE_VALUE, validator.validate("u1",
                new UserProfile("u1", attributes(Map.of("age", Double.NaN)), null, TIME)));
    }

    @Test
    void rejectsRatingOutsideConfiguredRange() {
        assertRejected(RejectReason.RATING_OUT_OF_RANGE, validator.validate("u1", rating(0f)));
        assertRejected(RejectReason.RATING_OUT_OF_RANGE, validator.validate("u1", rating(5.5f)));
        final EventValidator tenPoint = new EventValidator(new ValidationConfig(0f, 10f, 0L,
                ValidationConfig.DEFAULT_MAX_EVENT_TIME_MILLIS));
        assertSame(Validation.OK, tenPoint.validate("u1", rating(9.5f)));
        assertRejected(RejectReason.RATING_OUT_OF_RANGE, tenPoint.validate("u1", rating(10.5f)));
    }

    @Test
    void rejectsNegativeOrAbsurdEventTime() {
        final ImpressionEvent event = impression();
        event.setEventTime(Instant.ofEpochMilli(-1));
        assertRejected(RejectReason.EVENT_TIME_OUT_OF_RANGE, validator.validate("u1", event));
        event.setEventTime(Instant.parse("2150-01-01T00:00:00Z"));
        assertRejected(RejectReason.EVENT_TIME_OUT_OF_RANGE, validator.validate("u1", event));
        event.setEventTime(Instant.MAX);
        assertRejected(RejectReason.EVENT_TIME_OUT_OF_RANGE, validator.validate("u1", event));
    }

    @Test
    void reportsTheFirstFailureInDocumentedOrder() {
        final RatingEvent event = new RatingEvent("", "", "", Instant.ofEpochMilli(-5), Float.NaN,
                attributes(Map.of()));
        assertRejected(RejectReason.MISSING_EVENT_ID, validator.validate("x", event));
        event.setEventId("e");
        assertRejected(RejectReason.MISSING_USER_ID, validator.validate("x", event));
        event.setUserId("u");
        assertRejected(RejectReason.MISSING_ITEM_ID, validator.validate("x", event));
        event.setItemId("i");
        assertRejected(RejectReason.KEY_MISMATCH, validator.validate("x", event));
        assertRejected(RejectReason.EVENT_TIME_OUT_OF_RANGE, validator.validate("u", event));
        event.setEventTime(TIME);
        assertRejected(RejectReason.NON_FINITE_VALUE, validator.validate("u", event));
    }

    @Test
    void reservedReasonsAreRaisedByOtherLayersNotByTheValidator() {
        final Set<RejectReason> reserved = EnumSet.of(RejectReason.TOO_MANY_FEATURES, RejectReason.UNDECODABLE_BODY,
                RejectReason.UNKNOWN_SCHEMA_ID, RejectReason.PROCESSING_ERROR);
        for (final RejectReason reason : reserved) {
            final Validation.Rejection rejection = Validation.reject(reason, "raised elsewhere");
            assertEquals(reason, rejection.reason());
            assertFalse(rejection.isOk());
            assertSame(reason, RejectReason.valueOf(reason.name()), "the name is the stable code");
        }
        assertThrows(NullPointerException.class, () -> Validation.reject(null, "x"));
    }

    private static final FieldLimits SMALL = new FieldLimits(8, 3, 2, 5, 10, 100.0);
    private final EventValidator strict = new EventValidator(new ValidationConfig(1f, 5f, 0L,
            ValidationConfig.DEFAULT_MAX_EVENT_TIME_MILLIS, SMALL));

    private static void assertRejectedNaming(final RejectReason expected, final String field,
                                             final Validation actual) {
        assertRejected(expected, actual);
        final String detail = ((Validation.Rejection) actual).detail();
        assertTrue(detail.contains(field), detail);
        assertTrue(detail.length() < 300, "detail quotes no huge field: " + detail.length());
    }

    @Test
    void acceptsEveryFieldAtItsLimit() {
        final Attributes atLimit = new Attributes(new HashMap<>(Map.of("g1", List.of("12345", "abcde"),
                "g2", List.of("x"))), new HashMap<>(Map.of("n1", -100.0)));
        assertSame(Validation.OK, strict.validate("u2345678",
                new ImpressionEvent("e2345678", "u2345678", "i2345678", TIME, true, atLimit)));
        assertSame(Validation.OK, strict.validate("i2345678",
                new ItemProfile("i2345678", atLimit, "t".repeat(10), TIME)));
        assertSame(Validation.OK, strict.validate("u2345678",
                new UserProfile("u2345678", atLimit, "ж".repeat(10), TIME)));
    }

    @Test
    void rejectsIdsOverTheLimitAsFieldTooLongNamingTheField() {
        final String huge = "u".repeat(200_000);
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "userId", strict.validate(huge,
                new RatingEvent("e1", huge, "i1", TIME, 3f, attributes(Map.of()))));
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "itemId", strict.validate("u1",
                new RatingEvent("e1", "u1", huge, TIME, 3f, attributes(Map.of()))));
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "eventId", strict.validate("u1",
                new ImpressionEvent(huge, "u1", "i1", TIME, false, attributes(Map.of()))));
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "itemId", strict.validate(huge,
                new ItemProfile(huge, attributes(Map.of()), null, TIME)));
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "userId", strict.validate(huge,
                new UserProfile(huge, attributes(Map.of()), null, TIME)));
        assertSame(Validation.OK, validator.validate("u1", new RatingEvent("e1", "u1", "i".repeat(256), TIME, 3f,
                attributes(Map.of()))), "the default id limit is 256 chars");
    }

    @Test
    void rejectsOversizedAttributesAndTexts() {
        final Map<String, List<String>> longValue = Map.of("g", List.of("123456"));
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "categorical value of group 'g'", strict.validate("u1",
                new ImpressionEvent("e1", "u1", "i1", TIME, true, new Attributes(longValue, Map.of()))));
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "feature group name", strict.validate("u1",
                new ImpressionEvent("e1", "u1", "i1", TIME, true,
                        new Attributes(Map.of("g".repeat(50_000), List.of()), Map.of()))));
        assertRejectedNaming(RejectReason.TOO_MANY_VALUES, "'g' has 3 values", strict.validate("u1",
                new ImpressionEvent("e1", "u1", "i1", TIME, true,
                        new Attributes(Map.of("g", List.of("a", "b", "c")), Map.of()))));
        assertRejectedNaming(RejectReason.TOO_MANY_VALUES, "4 feature groups", strict.validate("u1",
                new ImpressionEvent("e1", "u1", "i1", TIME, true, new Attributes(Map.of("a", List.of(),
                        "b", List.of()), Map.of("c", 1.0, "d", 2.0)))));
        assertRejectedNaming(RejectReason.VALUE_OUT_OF_RANGE, "'n'", strict.validate("u1",
                new ImpressionEvent("e1", "u1", "i1", TIME, true, new Attributes(Map.of(), Map.of("n", -100.5)))));
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "title", strict.validate("i1",
                new ItemProfile("i1", new Attributes(Map.of(), Map.of()), "t".repeat(11), TIME)));
        assertRejectedNaming(RejectReason.FIELD_TOO_LONG, "text", strict.validate("u1",
                new UserProfile("u1", new Attributes(Map.of(), Map.of()), "t".repeat(100_000), TIME)));
    }

    @Test
    void fieldLimitsRoundTripThroughProperties() {
        final ValidationConfig config = new ValidationConfig(0.5f, 10f, 1000L, 2000L, SMALL);
        assertEquals(config, ValidationConfig.fromProperties(config.toProperties()));
        assertEquals(SMALL, FieldLimits.fromProperties(SMALL.toProperties()));
        assertEquals(FieldLimits.defaults(), FieldLimits.fromProperties(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new FieldLimits(0, 1, 1, 1, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new FieldLimits(1, 1, 1, 1, 1, Double.NaN));
    }

    @Test
    void validationConfigRoundTripsThroughProperties() {
        final ValidationConfig config = new ValidationConfig(0.5f, 10f, 1000L, 2000L);
        assertEquals(config, ValidationConfig.fromProperties(config.toProperties()));
        assertEquals(ValidationConfig.defaults(), ValidationConfig.fromProperties(Map.of()));
    }

    @Test
    void rejectsInvalidValidationConfig() {
        assertThrows(IllegalArgumentException.class, () -> new ValidationConfig(5f, 1f, 0L, 1L));
        assertThrows(IllegalArgumentException.class, () -> new ValidationConfig(Float.NaN, 1f, 0L, 1L));
        assertThrows(IllegalArgumentException.class, () -> new ValidationConfig(1f, 5f, 2L, 1L));
    }
}
