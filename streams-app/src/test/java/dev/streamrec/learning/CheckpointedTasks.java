package dev.streamrec.learning;

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

/**
 * Test fixture: a synthetic stream of all three models' events, and model cores whose checkpoints drain into
 * in-memory stores and which can be rebuilt from them, as a stream task is after a restart.
 */
final class CheckpointedTasks {
    static final List<String> MODELS = List.of("lr", "lcwd", "deepmix");
    static final Map<String, String> SETTINGS = Map.of("lcwd.batch.size", "16", "deepmix.batch.size", "8");
    static final int AUC_WINDOW = 500;
    static final int EVENTS = 800;
    /** Per event: type, user, item, event time, label, context. */
    static final List<Object[]> STREAM = new ArrayList<>();
    private static final Map<String, UserProfile> USERS = new HashMap<>();
    private static final Map<String, ItemProfile> ITEMS = new HashMap<>();

    static {
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

    private CheckpointedTasks() {
    }

    /** What a task's stores hold: each model's entries and metric entries, latest value per key. */
    static final class Stores {
        final List<Map<String, byte[]>> models = new ArrayList<>();
        final List<Map<String, byte[]>> metrics = new ArrayList<>();
        final List<Example> journal = new ArrayList<>();
    }

    /** A core of fresh models restored from {@code stores}, journalling into them; its sequence starts at 0. */
    static ModelCore core(final Stores stores, final int checkpointEvery) {
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

    /** A restart: fresh models from {@code stores}, continuing after the checkpoint {@code checkpointed}. */
    static ModelCore restarted(final Stores stores, final int checkpointEvery, final long checkpointed) {
        return new ModelCore(new ExampleFactory(FeatureConfig.fromProperties(SETTINGS)),
            core(stores, checkpointEvery).models(), (sequence, example) -> stores.journal.add(example.copy()),
            checkpointEvery, checkpointed);
    }

    /** Runs event {@code n} through {@code core}, checkpointing when due; its predictions (none if it does not fit). */
    static List<Prediction> step(final ModelCore core, final int n) {
        final Object[] e = STREAM.get(n);
        final String user = (String) e[1];
        final String item = (String) e[2];
        if (!core.featurize(user, item, (long) e[3], (dev.streamrec.schema.Attributes) e[5], USERS.get(user),
            ITEMS.get(item)).fits()) {
            return List.of();
        }
        final List<Prediction> predictions = core.scoreAndLearn(core.example((EventType) e[0], (double) e[4], user,
            item, (long) e[3]));
        if (core.checkpointDue()) {
            core.checkpoint();
        }
        return predictions;
    }

    /** Runs events [from, to) through {@code core}; returns every prediction. */
    static List<Prediction> run(final ModelCore core, final int from, final int to) {
        final List<Prediction> predictions = new ArrayList<>();
        for (int n = from; n < to; n++) {
            predictions.addAll(step(core, n));
        }
        return predictions;
    }
}
