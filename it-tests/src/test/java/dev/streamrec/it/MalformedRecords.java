package dev.streamrec.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.streamrec.cli.EventPublisher;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.topology.TopicSerdes;
import dev.streamrec.topology.Topics;

/** One input record of each kind of bad input, each with the dead-letter reason it must be rejected for. */
final class MalformedRecords {
    private MalformedRecords() {
    }

    /** Publishes the bad records (timestamped after ML-100k's events) and returns the expected count per reason. */
    static Map<String, Long> publish(final EventPublisher publisher, final Topics topics, final TopicSerdes serdes) {
        final Map<String, Long> expected = new HashMap<>();
        final long time = 893_300_000_000L;
        final Instant at = Instant.ofEpochMilli(time);
        publisher.sendRaw(topics.impressions(), "1", time, "not avro at all".getBytes(StandardCharsets.UTF_8));
        expected.merge("BAD_MAGIC_BYTE", 1L, Long::sum);
        publisher.sendRaw(topics.ratings(), "1", time,
            ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array());
        expected.merge("UNKNOWN_SCHEMA_ID", 1L, Long::sum);
        publisher.sendRaw(topics.ratings(), "1", time, new byte[] {0, 0});
        expected.merge("TOO_SHORT", 1L, Long::sum);
        final Attributes none = new Attributes(new HashMap<>(), new HashMap<>());
        publisher.rating(new RatingEvent("bad-nan", "1", "1", at, Float.NaN, none));
        expected.merge("NON_FINITE_VALUE", 1L, Long::sum);
        publisher.rating(new RatingEvent("bad-range", "1", "1", at, 9f, none));
        expected.merge("RATING_OUT_OF_RANGE", 1L, Long::sum);
        publisher.impression(new ImpressionEvent("bad-item", "1", "", at, true, none));
        expected.merge("MISSING_ITEM_ID", 1L, Long::sum);
        final ImpressionEvent wrongKey = new ImpressionEvent("bad-key", "2", "1", at, true, none);
        publisher.sendRaw(topics.impressions(), "1", time,
            serdes.impression().serializer().serialize(topics.impressions(), wrongKey));
        expected.merge("KEY_MISMATCH", 1L, Long::sum);
        return Map.copyOf(expected);
    }
}
