package dev.streamrec.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.events.EventSink;
import dev.streamrec.events.SyntheticConfig;
import dev.streamrec.events.SyntheticStream;
import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.Example;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.metrics.MetricStateSink;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.Prediction;
import dev.streamrec.schema.RatingEvent;
import dev.streamrec.schema.UserProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A task's state is its last checkpoint plus the examples journalled after it: models restored from what the
 * checkpoints drained, with the journal replayed, score every later event bit for bit as the uninterrupted models.
 */
class ModelCoreTest {
    private static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");
    private static final Map<String, String> SETTINGS = Map.of("lcwd.batch.size", "16", "deepmix.batch.size", "8");
    private static final int AUC_WINDOW = 500;
    private static final int EVENTS = 800;
    private static final List<Object[]> STREAM = new ArrayList<>();
    private static final Map<String, UserProfile> USERS = new HashMap<>();
    private static final Map<String, ItemProfile> ITEMS = new HashMap<>();

    @BeforeAll
    static void record() {
        new SyntheticStream(SyntheticConfig.defaults().withSize(60, 40, EVENTS)).replay(new EventSink() {
            @Override
            public void user(final UserProfile profile) {
                USERS.put(String.valueOf(profile.getUserId()), profile);
            }

            @Override
            public void item(final ItemProfile profile) {
                ITEMS.put(String.valueOf(profile.getItemId()), profile);
            }

            @Override
            public void impression(final ImpressionEvent e) {
                STREAM.add(new Object[] {EventType.IMPRESSION, e.getUserId(), e.getItemId(),
                    e.getEventTime().toEpochMilli(), e.getClicked() ? 1.0 : 0.0, e.getContext()});
            }

            @Override
            public void rating(final RatingEvent e) {
                STREAM.add(new Object[] {EventType.RATING, e.getUserId(), e.getItemId(),
                    e.getEventTime().toEpochMilli(), (double) e.getRating(), e.getContext()});
            }
        });
    }

    /** What a task's stores hold: each model's entries and metric entries, latest value per key. */
    private static final class Stores {
        final List<Map<String, byte[]>> models = new ArrayList<>();
        final List<Map<String, byte[]>> metrics = new ArrayList<>();
        final List<Example> journal = new ArrayList<>();
    }

    private static ModelCore core(final Stores stores, final int checkpointEvery) {
        final FeatureConfig features = FeatureConfig.fromProperties(SETTINGS);
        final List<OnlineModel> models = new ModelFactory(MODELS, SETTINGS, features,
            ValidationConfig.fromProperties(SETTINGS)).get();
        final List<ParameterSink> sinks = new ArrayList<>();
        final List<PrequentialMetrics> metrics = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            if (stores.models.size() <= i) {
                stores.models.add(new TreeMap<>());
                stores.metrics.add(new TreeMap<>());
            }
            final Map<String, byte[]> state = stores.models.get(i);
            final OnlineModel model = models.get(i);
            state.forEach((key, value) -> model.restore(java.util.HexFormat.of().parseHex(key), value));
            sinks.add(new ParameterSink() {
                @Override
                public void put(final byte[] key, final byte[] value) {
                    state.put(java.util.HexFormat.of().formatHex(key), value);
                }

                @Override
                public void delete(final byte[] key) {
                    state.remove(java.util.HexFormat.of().formatHex(key));
                }
            });
            final Map<String, byte[]> metricState = stores.metrics.get(i);
            final MetricStateSink metricSink = metricState::put;
            final PrequentialMetrics m = new PrequentialMetrics(model.name(), AUC_WINDOW, metricSink);
            m.restore(new HashMap<>(metricState));
            metrics.add(m);
        }
        final ModelSet set = new ModelSet(models, sinks, AUC_WINDOW, metrics);
        return new ModelCore(new ExampleFactory(FeatureConfig.fromProperties(SETTINGS)), set,
            (sequence, example) -> stores.journal.add(example.copy()), checkpointEvery, 0);
    }

    /** Runs events [from, to) through {@code core}, checkpointing when due; returns every prediction. */
    private static List<Prediction> run(final ModelCore core, final int from, final int to) {
        final List<Prediction> predictions = new ArrayList<>();
        for (int n = from; n < to; n++) {
            final Object[] e = STREAM.get(n);
            final String user = (String) e[1];
            final String item = (String) e[2];
            if (!core.featurize(user, item, (long) e[3], (dev.streamrec.schema.Attributes) e[5], USERS.get(user),
                ITEMS.get(item)).fits()) {
                continue;
            }
            predictions.addAll(core.scoreAndLearn(core.example((EventType) e[0], (double) e[4], user, item,
                (long) e[3])));
            if (core.checkpointDue()) {
                core.checkpoint();
            }
        }
        return predictions;
    }

    @ParameterizedTest(name = "checkpoint every {0}, restart after {1} events")
    @CsvSource({"1, 400", "7, 0", "7, 513", "64, 700", "100000, 450"})
    void restoresACheckpointAndReplaysTheJournalBitIdentically(final int checkpointEvery, final int cut) {
        final List<Prediction> uninterrupted = run(core(new Stores(), checkpointEvery), 0, STREAM.size());

        final Stores stores = new Stores();
        final ModelCore before = core(stores, checkpointEvery);
        final List<Prediction> predictions = new ArrayList<>(run(before, 0, cut));
        final long checkpointed = before.checkpointed();
        // A restart: fresh models from the stores, then the journal after the checkpoint learned again.
        final ModelCore after = new ModelCore(new ExampleFactory(FeatureConfig.fromProperties(SETTINGS)),
            core(stores, checkpointEvery).models(), (sequence, example) -> stores.journal.add(example.copy()),
            checkpointEvery, checkpointed);
        for (final Example logged : stores.journal.subList((int) checkpointed, stores.journal.size())) {
            after.replay(logged);
        }
        assertEquals(before.sequence(), after.sequence());
        predictions.addAll(run(after, cut, STREAM.size()));

        assertEquals(uninterrupted.size(), predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            assertEquals(uninterrupted.get(i), predictions.get(i), "prediction " + i);
        }
        assertTrue(uninterrupted.size() > 2 * EVENTS, "every model scored every event");
    }

    /** Live queries wait for one model's drain only: each model is reported drained before the next one drains. */
    @org.junit.jupiter.api.Test
    void checkpointTellsEachModelAsSoonAsItIsDrained() {
        final Stores stores = new Stores();
        final ModelCore core = core(stores, 100000);
        run(core, 0, 50);
        final List<Integer> drained = new ArrayList<>();
        core.checkpoint(model -> {
            assertEquals(drained.size(), model, "models are drained in order");
            assertTrue(!stores.models.get(model).isEmpty(), "model " + model + " drained before it was reported");
            for (int later = model + 1; later < MODELS.size(); later++) {
                assertTrue(stores.models.get(later).isEmpty(),
                    "model " + later + " drained before " + model + " was reported");
            }
            drained.add(model);
        });
        assertEquals(List.of(0, 1, 2), drained);
        assertEquals(core.sequence(), core.checkpointed());
    }
}
