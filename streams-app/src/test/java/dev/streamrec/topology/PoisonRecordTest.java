package dev.streamrec.topology;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.streamrec.features.Example;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One bad record never stops the pipeline, and leaves every model as if it had never arrived. */
class PoisonRecordTest {
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");

    @TempDir
    Path stateDir;
    @TempDir
    Path otherDir;

    /** Delegates to a real model, but throws half way through learning an event of item {@code poison}. */
    private static final class ThrowsAfterLearning implements OnlineModel {
        private final OnlineModel model;

        ThrowsAfterLearning(final OnlineModel model) {
            this.model = model;
        }

        @Override
        public String name() {
            return model.name();
        }

        @Override
        public long version() {
            return model.version();
        }

        @Override
        public double predict(final Example example) {
            return model.predict(example);
        }

        @Override
        public void learn(final Example example) {
            model.learn(example);
            if (example.itemId().equals("poison")) {
                throw new IllegalStateException("learning " + example.itemId() + " broke a model invariant");
            }
        }

        @Override
        public long parameterCount() {
            return model.parameterCount();
        }

        @Override
        public void drainChanges(final ParameterSink sink) {
            model.drainChanges(sink);
        }

        @Override
        public void exportTensors(final TensorSink sink) {
            model.exportTensors(sink);
        }

        @Override
        public void restore(final byte[] key, final byte[] value) {
            model.restore(key, value);
        }
    }

    /** The second model (LC-W&D) throws after the first (LR) has learned and staged its changes. */
    private static List<OnlineModel> secondThrows(final List<OnlineModel> models) {
        final List<OnlineModel> wrapped = new ArrayList<>(models);
        wrapped.set(1, new ThrowsAfterLearning(models.get(1)));
        return wrapped;
    }

    private static void feed(final TopologyFixture f, final boolean withPoison) {
        for (int u = 0; u < 3; u++) {
            f.user("u" + u, u % 2 == 0 ? "writer" : "artist", 20 + 5 * u);
        }
        for (int i = 0; i < 5; i++) {
            f.item("i" + i, List.of(i % 2 == 0 ? "Drama" : "Comedy"));
        }
        f.item("poison", List.of("Drama"));
        for (int n = 0; n < 40; n++) {
            if (withPoison && n == 20) {
                f.impression("poison-event", "u1", "poison", T0 + n * 1000L, true);
            }
            final String user = "u" + (n % 3);
            final String item = "i" + (n * 7 % 5);
            if (n % 3 == 0) {
                f.rating("r" + n, user, item, T0 + n * 1000L, 1 + (n * 13 % 5));
            } else {
                f.impression("e" + n, user, item, T0 + n * 1000L, (n + n / 4) % 2 == 0);
            }
        }
    }

    @Test
    void deadLettersAProcessingErrorAndRollsBackEveryModel() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final List<ScoredEvent> clean;
        final Map<String, Map<String, String>> cleanState = new java.util.HashMap<>();
        try (TopologyFixture f = new TopologyFixture(otherDir, MODELS, registry)) {
            feed(f, false);
            clean = f.scored.readValuesToList();
            MODELS.forEach(m -> cleanState.put(m, f.modelState(m)));
        }
        try (TopologyFixture f = new TopologyFixture(stateDir, MODELS, registry, Map.of(), WarmStartStates.NONE,
            PoisonRecordTest::secondThrows)) {
            feed(f, true);
            final List<ScoredEvent> scored = f.scored.readValuesToList();
            final List<String> deadLetters = f.deadLetterReasons();
            assertEquals(1, deadLetters.size(), deadLetters.toString());
            assertTrue(deadLetters.get(0).startsWith("PROCESSING_ERROR: java.lang.IllegalStateException: learning "
                + "poison broke a model invariant"), deadLetters.get(0));
            assertEquals(clean, scored, "the poison record changed no later score, bit for bit");
            for (final String model : MODELS) {
                assertEquals(cleanState.get(model), f.modelState(model), model + " state is as if it never arrived");
            }
        }
    }

    @Test
    void deadLettersAnOversizedIdAndKeepsScoring() {
        try (TopologyFixture f = new TopologyFixture(stateDir, MODELS, new InMemorySchemaRegistry())) {
            final String huge = "i".repeat(200_000);
            f.user("u1", "writer", 30);
            f.item("i1", List.of("Comedy"));
            f.rating("r0", "u1", huge, T0, 4f);
            f.rating("r1", "u1", "i1", T0 + 1, 4f);
            final RatingEvent nonAscii = new RatingEvent("r2", "u1", "ж".repeat(256), Instant.ofEpochMilli(T0 + 2),
                3f, TopologyFixture.attributes(Map.of(), Map.of()));
            f.ratings.pipeInput("u1", f.serdes.rating().serializer().serialize("ratings", nonAscii),
                Instant.ofEpochMilli(T0 + 2));
            assertEquals(List.of("r1", "r2"), f.scored.readValuesToList().stream().map(ScoredEvent::getEventId)
                .toList(), "the record at the 256-char limit is accepted");
            final List<String> deadLetters = f.deadLetterReasons();
            assertEquals(1, deadLetters.size());
            assertTrue(deadLetters.get(0).startsWith("FIELD_TOO_LONG: itemId has 200000 chars (at most 256)"),
                deadLetters.get(0));
        }
    }

    @Test
    void deadLettersABadItemProfileWithoutBreakingTheGlobalStore() {
        try (TopologyFixture f = new TopologyFixture(stateDir, List.of("lr"), new InMemorySchemaRegistry())) {
            final ItemProfile longTitle = new ItemProfile("i2", TopologyFixture.attributes(Map.of(), Map.of()),
                "t".repeat(50_000), Instant.EPOCH);
            f.items.pipeInput("i2", f.serdes.itemProfile().serializer().serialize("items", longTitle), Instant.EPOCH);
            f.items.pipeInput("i3", new byte[] {1, 2, 3}, Instant.EPOCH);
            f.item("i1", List.of("Comedy"));
            f.impression("e1", "u1", "i1", T0, true);
            f.impression("e2", "u1", "i2", T0 + 1, true);
            assertEquals(2, f.scored.readValuesToList().size(), "events of an item whose profile was rejected score");
            assertEquals(List.of("FIELD_TOO_LONG", "TOO_SHORT"),
                f.profileDeadLetters.stream().map(r -> r.reason().name()).toList());
            assertEquals("items", f.profileDeadLetters.get(0).sourceTopic());
        }
    }
}
