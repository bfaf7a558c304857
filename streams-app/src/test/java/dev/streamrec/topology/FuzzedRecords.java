package dev.streamrec.topology;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary input records for {@link TopologyFuzzTest}: valid Avro of every input schema with strings up to several
 * times the default field limits in any Unicode (lone surrogates and control chars included), empty and huge maps
 * and arrays, extreme numbers and times, wrong keys; and arbitrary or bit-flipped bytes. Most ids come from a small
 * pool so that accepted records meet the same users and items and the models really learn.
 */
final class FuzzedRecords {
    /** One input record: its topic, its key and either an Avro record or raw bytes. */
    record Input(String topic, String key, Object value, int flipBit) {
        @Override
        public String toString() {
            final String v = value instanceof byte[] b ? b.length + " bytes" : value.getClass().getSimpleName();
            return topic + "[" + (key == null ? "null" : key.length() + " chars") + "] " + v
                + (flipBit >= 0 ? " flip " + flipBit : "");
        }
    }

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private FuzzedRecords() {
    }

    static Arbitrary<List<Input>> streams() {
        return input().list().ofMinSize(20).ofMaxSize(100);
    }

    static Arbitrary<Input> input() {
        return Arbitraries.frequencyOf(
            Tuple.of(6, impression()),
            Tuple.of(4, rating()),
            Tuple.of(2, user()),
            Tuple.of(2, item()),
            Tuple.of(1, rawBytes()));
    }

    private static Arbitrary<String> anyString(final int maxLength) {
        return Arbitraries.strings().all().ofMaxLength(maxLength);
    }

    /** Pool ids mostly; sometimes any string up to three times the 256-char id limit, or a huge one. */
    private static Arbitrary<String> id(final String prefix) {
        return Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.integers().between(0, 5).map(i -> prefix + i)),
            Tuple.of(2, anyString(800)),
            Tuple.of(1, Arbitraries.integers().between(250, 260).map(n -> prefix.repeat(n))),
            Tuple.of(1, Arbitraries.integers().between(20_000, 70_000).map(n -> "ж".repeat(n))));
    }

    private static Arbitrary<Double> number() {
        return Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.doubles().between(-100, 100)),
            Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 1e12, 1e12 + 1, -1e15)),
            Tuple.of(1, Arbitraries.doubles()));
    }

    private static Arbitrary<Attributes> attributes() {
        final Arbitrary<String> groupName = Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.of("genre", "device", "occupation", "page", "")),
            Tuple.of(1, anyString(600)));
        final Arbitrary<String> value = Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.of("Drama", "Comedy", "mobile", "écrivain", "\uD83C\uDFAC")),
            Tuple.of(1, anyString(700)));
        final Arbitrary<List<String>> values = Arbitraries.frequencyOf(
            Tuple.of(10, value.list().ofMaxSize(3)),
            Tuple.of(1, value.list().ofMinSize(250).ofMaxSize(600)));
        final Arbitrary<Map<String, List<String>>> categorical = Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.maps(groupName, values).ofMaxSize(3)),
            Tuple.of(1, Arbitraries.maps(anyString(20), value.list().ofMaxSize(2)).ofMinSize(60)
                .ofMaxSize(150)));
        final Arbitrary<Map<String, Double>> numeric = Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.maps(Arbitraries.of("age", "position", "hour"), number())
                .ofMaxSize(3)),
            Tuple.of(1, Arbitraries.maps(anyString(30), number()).ofMinSize(60).ofMaxSize(150)));
        return Combinators.combine(categorical, numeric).as(Attributes::new);
    }

    private static Arbitrary<Instant> time() {
        return Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.longs().between(0, 10_000_000).map(t -> Instant.ofEpochMilli(T0 + t))),
            Tuple.of(1, Arbitraries.longs().map(Instant::ofEpochMilli)));
    }

    /** The key is the user id mostly, otherwise any string or null. */
    private static Arbitrary<String> keyFor(final String id) {
        return Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(id)),
            Tuple.of(1, anyString(10)),
            Tuple.of(1, Arbitraries.just((String) null)));
    }

    private static Arbitrary<Integer> flip() {
        return Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(-1)),
            Tuple.of(1, Arbitraries.integers().between(0, 4_000)));
    }

    private static Arbitrary<Input> impression() {
        return Combinators.combine(id("e"), id("u"), id("i"), time(), Arbitraries.of(true, false), attributes())
            .as((e, u, i, t, c, a) -> new ImpressionEvent(e, u, i, t, c, a))
            .flatMap(event -> Combinators.combine(keyFor(event.getUserId()), flip())
                .as((key, f) -> new Input("impressions", key, event, f)));
    }

    private static Arbitrary<Input> rating() {
        final Arbitrary<Float> label = Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.integers().between(1, 5).map(Integer::floatValue)),
            Tuple.of(1, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, 0f, 5.0001f, -3f, 1e30f)));
        return Combinators.combine(id("r"), id("u"), id("i"), time(), label, attributes())
            .as((e, u, i, t, r, a) -> new RatingEvent(e, u, i, t, r, a))
            .flatMap(event -> Combinators.combine(keyFor(event.getUserId()), flip())
                .as((key, f) -> new Input("ratings", key, event, f)));
    }

    private static Arbitrary<String> text(final int limit) {
        return Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just((String) null)),
            Tuple.of(5, anyString(40)),
            Tuple.of(1, Arbitraries.integers().between(limit - 2, 3 * limit).map(n -> "t ".repeat(n / 2))));
    }

    private static Arbitrary<Input> user() {
        return Combinators.combine(id("u"), attributes(), text(10_000), time())
            .as(UserProfile::new)
            .flatMap(p -> Combinators.combine(keyFor(p.getUserId()), flip()).as((k, f) -> new Input("users", k, p, f)));
    }

    private static Arbitrary<Input> item() {
        return Combinators.combine(id("i"), attributes(), text(10_000), time())
            .as(ItemProfile::new)
            .flatMap(p -> Combinators.combine(keyFor(p.getItemId()), flip()).as((k, f) -> new Input("items", k, p, f)));
    }

    private static Arbitrary<Input> rawBytes() {
        return Combinators.combine(Arbitraries.of("impressions", "ratings", "users", "items"), anyString(8),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
            .as((topic, key, bytes) -> new Input(topic, key, bytes, -1));
    }
}
