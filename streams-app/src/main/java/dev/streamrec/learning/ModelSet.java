package dev.streamrec.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamrec.features.Example;
import dev.streamrec.metrics.LearnTimer;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.schema.Prediction;

/**
 * One stream task's (or one in-process run's) models, each with the sink its changes are persisted to and its
 * prequential metrics. The order of the models is the order of the predictions in every scored event.
 */
public final class ModelSet {
    /** A sink that keeps nothing, for in-process runs that do not persist state. */
    public static final ParameterSink DISCARD = new ParameterSink() {
        @Override
        public void put(final byte[] key, final byte[] value) {
        }

        @Override
        public void delete(final byte[] key) {
        }
    };

    private final List<OnlineModel> models;
    private final List<ParameterSink> sinks;
    private final List<PrequentialMetrics> metrics = new ArrayList<>();
    private final List<LearnTimer> learnTimers = new ArrayList<>();
    private final double[] lastScores;

    /**
     * @param models models whose state is already restored
     * @param sinks  where each model's changes go after it learns, in the order of {@code models}
     */
    public ModelSet(final List<OnlineModel> models, final List<? extends ParameterSink> sinks, final int aucWindow) {
        this(models, sinks, models.stream()
            .map(model -> new PrequentialMetrics(Objects.requireNonNull(model).name(), aucWindow)).toList());
    }

    /**
     * @param models  models whose state is already restored
     * @param sinks   where each model's changes go after it learns, in the order of {@code models}
     * @param metrics each model's prequential metrics (already restored, if persisted), in the same order
     */
    public ModelSet(final List<OnlineModel> models, final List<? extends ParameterSink> sinks,
                    final List<PrequentialMetrics> metrics) {
        if (models.size() != sinks.size() || models.size() != metrics.size()) {
            throw new IllegalArgumentException(models.size() + " models but " + sinks.size() + " sinks and "
                + metrics.size() + " metrics");
        }
        this.models = List.copyOf(models);
        this.sinks = List.copyOf(sinks);
        this.lastScores = new double[models.size()];
        for (int i = 0; i < models.size(); i++) {
            if (!metrics.get(i).model().equals(models.get(i).name())) {
                throw new IllegalArgumentException("metrics of " + metrics.get(i).model() + " given for model "
                    + models.get(i).name());
            }
            this.metrics.add(metrics.get(i));
            learnTimers.add(new LearnTimer());
        }
    }

    /** Every model's prediction for the example, before any of them learns from it (prequential). */
    public List<Prediction> score(final Example example) {
        final List<Prediction> predictions = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            final OnlineModel model = models.get(i);
            final double score = model.predict(example);
            lastScores[i] = score;
            predictions.add(new Prediction(model.name(), model.version(), score));
        }
        return predictions;
    }

    /**
     * Records the scores of the last {@link #score} call in the metrics, then lets every model learn and persist.
     * Each learn call is timed (wall clock, for monitoring only; see {@link LearnTimer}).
     */
    public void learn(final Example example) {
        for (int i = 0; i < models.size(); i++) {
            final OnlineModel model = models.get(i);
            metrics.get(i).record(example.task(), example.label(), lastScores[i]);
            final long started = System.nanoTime();
            model.learn(example);
            learnTimers.get(i).record(System.nanoTime() - started);
            model.drainChanges(sinks.get(i));
        }
    }

    public List<OnlineModel> models() {
        return models;
    }

    public List<PrequentialMetrics> metrics() {
        return metrics;
    }

    /** Each model's learn-call timings (monitoring only), in the order of {@link #models()}. */
    public List<LearnTimer> learnTimers() {
        return learnTimers;
    }
}
