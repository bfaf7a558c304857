package dev.streamrec.registry;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One populated instance of every generated record type, for round-trip tests. */
final class SampleRecords {
    static final Instant TIME = Instant.ofEpochMilli(1_700_000_000_123L);

    private SampleRecords() {
    }

    static Attributes attributes() {
        return new Attributes(Map.of("genre", List.of("Comedy", "Drama"), "device", List.of("mobile")),
                Map.of("age", 34.0, "hour", 21.0));
    }

    static ImpressionEvent impression() {
        return new ImpressionEvent("e-1", "u-1", "i-1", TIME, true, attributes());
    }

    static RatingEvent rating() {
        return new RatingEvent("e-2", "u-1", "i-2", TIME, 4.5f, attributes());
    }

    static UserProfile user() {
        return new UserProfile("u-1", attributes(), "writes about films", TIME);
    }

    static ItemProfile item() {
        return new ItemProfile("i-1", attributes(), null, TIME);
    }

    static ScoredEvent scored() {
        return new ScoredEvent("e-1", EventType.IMPRESSION, "u-1", "i-1", TIME, 1.0,
                List.of(new Prediction("lr", 41L, 0.25), new Prediction("deepmix", 40L, 0.5)));
    }

    /** Every generated top-level record type, each with its sample value. */
    static List<SpecificRecord> all() {
        return List.of(impression(), rating(), user(), item(), scored());
    }
}
