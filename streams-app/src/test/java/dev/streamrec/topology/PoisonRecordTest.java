package dev.streamrec.topology;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.streamrec.features.Example;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import dev.streamrec.registry.InMemorySchemaRegistry;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.ScoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One bad record never stops the pipeline, and leaves every model as if it had never arrived. */
class PoisonRecordTest {
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");

    @TempDir
    Path stateDir;
    @TempDir
    Path otherDir;

    /** A real model behind the {@link OnlineModel} interface; subclasses break one call on purpose. */
    private abstract static class DelegatingModel implements OnlineModel {
        final OnlineModel model;

        DelegatingModel(final OnlineModel model) {
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

    /** Delegates to a real model, but throws half way through learning an event of item {@code poison}. */
    private static final class ThrowsAfterLearning extends DelegatingModel {
        ThrowsAfterLearning(final OnlineModel model) {
            super(model);
        }

        @Override
        public void learn(final Example example) {
            model.learn(example);
            if (example.itemId().equals("poison")) {
                throw new IllegalStateException("learning " + example.itemId() + " broke a model invariant");
            }
        }
    }

    /**
     * Delegates to a real model, but the first drain after it learned an event of item {@code poison} writes half
     * of the entries, then throws: a checkpoint that breaks half way. Throws once per {@link #armed} flag.
     */
    private static final class ThrowsInCheckpoint extends DelegatingModel {
        private final AtomicBoolean armed;
        private boolean poisoned;

        ThrowsInCheckpoint(final OnlineModel model, final AtomicBoolean armed) {
            super(model);
            this.armed = armed;
        }

        @Override
        public void learn(final Example example) {
            model.learn(example);
            poisoned |= example.itemId().equals("poison");
        }

        @Override
        public void drainChanges(final ParameterSink sink) {
            if (!poisoned || !armed.compareAndSet(true, false)) {
                model.drainChanges(sink);
                return;
            }
            final List<byte[][]> entries = new ArrayList<>();
            model.drainChanges(new ParameterSink() {
                @Override
                public void put(final byte[] key, final byte[] value) {
                    entries.add(new byte[][] {key, value});
                }

                @Override
                public void delete(final byte[] key) {
                    entries.add(new byte[][] {key, null});
                }
            });
            for (int i = 0; i < entries.size() / 2; i++) {
                if (entries.get(i)[1] == null) {
                    sink.delete(entries.get(i)[0]);
                } else {
                    sink.put(entries.get(i)[0], entries.get(i)[1]);
                }
            }
            throw new IllegalStateException("checkpoint broke after " + entries.size() / 2 + " of " + entries.size()
                + " entries");
        }
    }

    /** The second model (LC-W&D) throws after the first (LR) has learned and staged its changes. */
    private static List<OnlineModel> secondThrows(final List<OnlineModel> models) {
        final List<OnlineModel> wrapped = new ArrayList<>(models);
        wrapped.set(1, new ThrowsAfterLearning(models.get(1)));
        return wrapped;
    }

    private static void feed(final TopologyFixture f, final boolean withPoison) {
        feed(f, withPoison, 40);
    }

    private static void feed(final TopologyFixture f, final boolean withPoison, final int events) {
        feed(f, withPoison, events, null);
    }

    /** As {@link #feed(TopologyFixture, boolean, int)}, leaving out the event {@code skipped} (may be null). */
    private static void feed(final TopologyFixture f, final boolean withPoison, final int events,
                             final String skipped) {
        for (int u = 0; u < 3; u++) {
            f.user("u" + u, u % 2 == 0 ? "writer" : "artist", 20 + 5 * u);
        }
        for (int i = 0; i < 5; i++) {
            f.item("i" + i, List.of(i % 2 == 0 ? "Drama" : "Comedy"));
        }
        f.item("poison", List.of("Drama"));
        for (int n = 0; n < events; n++) {
            if (withPoison && n == events / 2) {
                f.impression("poison-event", "u1", "poison", T0 + n * 1000L, true);
            }
            final String user = "u" + (n % 3);
            final String item = "i" + (n * 7 % 5);
            if (("r" + n).equals(skipped) || ("e" + n).equals(skipped)) {
                continue;
            }
            if (n % 3 == 0) {
                f.rating("r" + n, user, item, T0 + n * 1000L, 1 + (n * 13 % 5));
            } else {
                f.impression("e" + n, user, item, T0 + n * 1000L, (n + n / 4) % 2 == 0);
            }
        }
    }

    /**
     * Wherever the bad record falls relative to the checkpoints (every event, every 3 or 7, or never in this
     * stream), the rollback rebuilds the models from the last checkpoint plus the example log.
     */
    @ParameterizedTest(name = "checkpoint every {0} events")
    @ValueSource(ints = {1, 3, 7, 10_000})
    void deadLettersAProcessingErrorAndRollsBackEveryModel(final int checkpointEvery) {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final Map<String, String> settings = Map.of(StreamrecConfig.CHECKPOINT_EVERY_EVENTS,
            Integer.toString(checkpointEvery));
        final List<ScoredEvent> clean;
        final Map<String, Map<String, String>> cleanState = new java.util.HashMap<>();
        try (TopologyFixture f = new TopologyFixture(otherDir, MODELS, registry, settings, WarmStartStates.NONE)) {
            feed(f, false);
            clean = f.scored.readValuesToList();
            MODELS.forEach(m -> cleanState.put(m, f.modelState(m)));
        }
        try (TopologyFixture f = new TopologyFixture(stateDir, MODELS, registry, settings, WarmStartStates.NONE,
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
    void rollsBackAProcessingErrorHalfWayThroughACheckpoint(@TempDir final Path third) {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final AtomicBoolean armed = new AtomicBoolean(true);
        final List<ScoredEvent> scored;
        final Map<String, Map<String, String>> state = new java.util.HashMap<>();
        final String failed;
        try (TopologyFixture f = new TopologyFixture(stateDir, MODELS, registry, Map.of(), WarmStartStates.NONE,
            models -> {
                final List<OnlineModel> wrapped = new ArrayList<>(models);
                wrapped.set(2, new ThrowsInCheckpoint(models.get(2), armed));
                return wrapped;
            })) {
            feed(f, true);
            scored = f.scored.readValuesToList();
            final List<String> deadLetters = f.deadLetterReasons();
            assertEquals(1, deadLetters.size(), deadLetters.toString());
            assertTrue(deadLetters.get(0).startsWith("PROCESSING_ERROR: java.lang.IllegalStateException: checkpoint "
                + "broke after"), deadLetters.get(0));
            assertFalse(armed.get(), "the checkpoint broke once");
            MODELS.forEach(m -> state.put(m, f.modelState(m)));
            final java.util.Set<String> ids = new java.util.HashSet<>();
            scored.forEach(e -> ids.add(e.getEventId()));
            failed = java.util.stream.IntStream.range(0, 40).mapToObj(n -> (n % 3 == 0 ? "r" : "e") + n)
                .filter(id -> !ids.contains(id)).findFirst().orElseThrow();
        }
        // The record whose checkpoint broke is as if it had never arrived; the poison itself was learned.
        try (TopologyFixture f = new TopologyFixture(third, MODELS, registry)) {
            feed(f, true, 40, failed);
            assertEquals(f.scored.readValuesToList(), scored, "every score, bit for bit (without " + failed + ")");
            for (final String model : MODELS) {
                assertEquals(f.modelState(model), state.get(model), model + " state");
            }
        }
    }

    @Test
    void rollsBackMidBatchWithTheDefaultBatchSizes(@TempDir final Path third) {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final Map<String, String> defaults = Map.of("deepmix.batch.size", "32", "lcwd.batch.size", "256");
        final List<ScoredEvent> clean;
        try (TopologyFixture f = new TopologyFixture(otherDir, MODELS, registry, defaults, WarmStartStates.NONE)) {
            feed(f, false, 300);
            clean = f.scored.readValuesToList();
        }
        try (TopologyFixture f = new TopologyFixture(third, MODELS, registry, defaults, WarmStartStates.NONE,
            PoisonRecordTest::secondThrows)) {
            feed(f, true, 300);
            final List<ScoredEvent> scored = f.scored.readValuesToList();
            assertEquals(clean.size(), scored.size());
            for (int n = 0; n < clean.size(); n++) {
                assertEquals(clean.get(n).toString(), scored.get(n).toString(), "event " + n);
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
