package dev.streamrec.topology;

import java.util.ArrayList;
import java.util.List;

import dev.streamrec.features.Example;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.schema.Prediction;
import dev.streamrec.state.ModelStateStore;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * One stream task's models, each wired to its changelogged state store and its prequential metrics. The order of
 * the models is the order of the predictions in every scored event.
 */
final class ModelSet {
    private final List<OnlineModel> models;
    private final List<ModelStateStore> stores = new ArrayList<>();
    private final List<PrequentialMetrics> metrics = new ArrayList<>();
    private final double[] lastScores;

    ModelSet(final List<OnlineModel> models, final int aucWindow) {
        this.models = List.copyOf(models);
        this.lastScores = new double[models.size()];
        for (int i = 0; i < models.size(); i++) {
            metrics.add(new PrequentialMetrics(models.get(i).name(), aucWindow));
        }
    }

    /** Connects each model to its store and restores its state from it; returns the entries restored. */
    long restore(final ProcessingContext context) {
        long entries = 0;
        for (final OnlineModel model : models) {
            final ModelStateStore store = ModelStateStore.lookup(context, model.name());
            entries += store.restoreInto(model);
            stores.add(store);
        }
        return entries;
    }

    /** Every model's prediction for the example, before any of them learns from it (prequential). */
    List<Prediction> score(final Example example) {
        final List<Prediction> predictions = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            final OnlineModel model = models.get(i);
            final double score = model.predict(example);
            lastScores[i] = score;
            predictions.add(new Prediction(model.name(), model.version(), score));
        }
        return predictions;
    }

    /** Records the scores of the last {@link #score} call in the metrics, then lets every model learn and persist. */
    void learn(final Example example) {
        for (int i = 0; i < models.size(); i++) {
            final OnlineModel model = models.get(i);
            metrics.get(i).record(example.task(), example.label(), lastScores[i]);
            model.learn(example);
            model.drainChanges(stores.get(i));
        }
    }

    List<OnlineModel> models() {
        return models;
    }

    List<PrequentialMetrics> metrics() {
        return metrics;
    }
}
