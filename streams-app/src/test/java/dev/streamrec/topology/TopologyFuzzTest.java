package dev.streamrec.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.schema.UserProfile;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.streams.test.TestRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the production topology with {@link FuzzedRecords}: no exception escapes, every input event is scored or
 * dead-lettered (input = scored + dead-lettered), and rejected records change nothing: the same stream with the
 * rejected records left out gives the same scored events, bit for bit, and the same model and profile state.
 * Seeded; {@code jqwik.tries.default} (50 here) cases of 20-100 records; run longer with
 * {@code -Djqwik.tries.default=2000 -Dtest=TopologyFuzzTest}.
 */
class TopologyFuzzTest {
    private static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");
    private static final Set<String> EVENT_TOPICS = Set.of("impressions", "ratings");

    @Provide
    Arbitrary<List<FuzzedRecords.Input>> streams() {
        return FuzzedRecords.streams();
    }

    @Property(seed = "20261202", shrinking = ShrinkingMode.BOUNDED)
    void noRecordStopsThePipelineOrChangesAModelWhenRejected(
        @ForAll("streams") final List<FuzzedRecords.Input> inputs) throws IOException {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final Path fuzzedDir = Files.createTempDirectory("streamrec-fuzz");
        final Path acceptedDir = Files.createTempDirectory("streamrec-fuzz-accepted");
        try {
            final Run fuzzed;
            try (TopologyFixture f = new TopologyFixture(fuzzedDir, MODELS, registry)) {
                fuzzed = run(f, inputs);
            }
            final long events = inputs.stream().filter(i -> EVENT_TOPICS.contains(i.topic())).count();
            assertEquals(events, fuzzed.scored.size() + fuzzed.eventDeadLetters, "input = scored + dead-lettered");

            final List<FuzzedRecords.Input> accepted = new ArrayList<>();
            for (int n = 0; n < inputs.size(); n++) {
                if (!fuzzed.rejected.contains(n)) {
                    accepted.add(inputs.get(n));
                }
            }
            final Run clean;
            try (TopologyFixture f = new TopologyFixture(acceptedDir, MODELS, registry)) {
                clean = run(f, accepted);
            }
            assertTrue(clean.rejected.isEmpty(), "accepted records stay accepted without the rejected ones");
            assertEquals(clean.scored, fuzzed.scored, "rejected records changed no score");
            assertEquals(clean.state, fuzzed.state, "rejected records changed no model or profile state");
        } finally {
            delete(fuzzedDir);
            delete(acceptedDir);
        }
    }

    /** What one fixture made of a list of inputs; {@code rejected} holds the positions of rejected inputs. */
    private record Run(List<ScoredEvent> scored, long eventDeadLetters, Set<Integer> rejected,
                       Map<String, Map<String, String>> state) {
    }

    private static Run run(final TopologyFixture f, final List<FuzzedRecords.Input> inputs) {
        final Map<String, Long> offsets = new java.util.HashMap<>();
        final Map<String, Integer> positionOf = new java.util.HashMap<>();
        for (int n = 0; n < inputs.size(); n++) {
            final FuzzedRecords.Input input = inputs.get(n);
            final long offset = offsets.merge(input.topic(), 1L, Long::sum) - 1;
            positionOf.put(input.topic() + "@" + offset, n);
            pipe(f, input); // must not throw
        }
        final List<ScoredEvent> scored = f.scored.readValuesToList();
        Statistics.label("records").collect(inputs.size() < 50 ? "20-49" : "50-100");
        scored.forEach(e -> Statistics.label("dead-letter reason").collect("(scored)"));
        final Set<Integer> rejected = new HashSet<>();
        long eventDeadLetters = 0;
        for (final TestRecord<byte[], byte[]> dead : f.deadLetters.readRecordsToList()) {
            final String topic = header(dead, Rejection.HEADER_TOPIC);
            assertTrue(dead.headers().lastHeader(Rejection.HEADER_REASON) != null, "every dead letter has a reason");
            rejected.add(positionOf.get(topic + "@" + header(dead, Rejection.HEADER_OFFSET)));
            Statistics.label("dead-letter reason").collect(header(dead, Rejection.HEADER_REASON));
            if (EVENT_TOPICS.contains(topic)) {
                eventDeadLetters++;
            }
        }
        for (final Rejection item : f.profileDeadLetters) {
            rejected.add(positionOf.get(item.sourceTopic() + "@" + item.sourceOffset()));
            Statistics.label("dead-letter reason").collect("items: " + item.reason());
        }
        final Map<String, Map<String, String>> state = new java.util.TreeMap<>();
        MODELS.forEach(m -> state.put(m, f.modelState(m)));
        state.put("user-profiles", f.userProfiles());
        return new Run(scored, eventDeadLetters, rejected, state);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void pipe(final TopologyFixture f, final FuzzedRecords.Input input) {
        final Object value = input.value();
        final byte[] bytes;
        if (value instanceof ImpressionEvent e) {
            bytes = f.serdes.impression().serializer().serialize(input.topic(), e);
        } else if (value instanceof RatingEvent e) {
            bytes = f.serdes.rating().serializer().serialize(input.topic(), e);
        } else if (value instanceof UserProfile p) {
            bytes = f.serdes.userProfile().serializer().serialize(input.topic(), p);
        } else if (value instanceof ItemProfile p) {
            bytes = f.serdes.itemProfile().serializer().serialize(input.topic(), p);
        } else {
            bytes = ((byte[]) value).clone();
        }
        if (input.flipBit() >= 0 && bytes.length > 0) {
            final int bit = input.flipBit() % (8 * bytes.length);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        final Instant timestamp = Instant.ofEpochMilli(FuzzedRecords.T0);
        switch (input.topic()) {
            case "impressions" -> f.impressions.pipeInput(input.key(), bytes, timestamp);
            case "ratings" -> f.ratings.pipeInput(input.key(), bytes, timestamp);
            case "users" -> f.users.pipeInput(input.key(), bytes, timestamp);
            case "items" -> f.items.pipeInput(input.key(), bytes, timestamp);
            default -> throw new IllegalArgumentException(input.topic());
        }
    }

    private static void delete(final Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
