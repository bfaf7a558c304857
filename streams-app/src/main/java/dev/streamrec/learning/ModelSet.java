package dev.streamrec.learning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;

import dev.streamrec.features.Example;
import dev.streamrec.metrics.LearnTimer;
import dev.streamrec.metrics.PrequentialMetrics;
import dev.streamrec.models.ItemClassifier;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.schema.Prediction;

/**
 * One stream task's (or one in-process run's) models, each with the sink its changes are persisted to at a
 * {@linkplain #drain checkpoint} and its prequential metrics. The order of the models is the order of the predictions in every scored event.
 *
 * <p>Models that also classify items ({@link ItemClassifier}, DeepMix's genre head) have an item predicted and the
 * prediction recorded in their metrics (micro/macro-F1) when they are about to learn the item's labels for the
 * first time: each item counts once, predicted before its labels were ever learned.
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
    private final int aucWindow;
    private final Set<String> itemsEvaluated = new HashSet<>();
    private final long[] nanos;

    /**
     * @param models models whose state is already restored
     * @param sinks  where each model's changes go at a {@link #drain}, in the order of {@code models}
     */
    public ModelSet(final List<OnlineModel> models, final List<? extends ParameterSink> sinks, final int aucWindow) {
        if (models.size() != sinks.size()) {
            throw new IllegalArgumentException(models.size() + " models but " + sinks.size() + " sinks");
        }
        this.models = List.copyOf(models);
        this.sinks = List.copyOf(sinks);
        this.lastScores = new double[models.size()];
        this.aucWindow = aucWindow;
        this.nanos = new long[models.size()];
        models.forEach(Objects::requireNonNull);
        models.forEach(model -> learnTimers.add(new LearnTimer()));
        resetMetrics();
    }

    /**
     * @param models  models whose state is already restored
     * @param sinks   where each model's changes go at a {@link #drain}, in the order of {@code models}
     * @param metrics each model's prequential metrics (already restored, if persisted), in the same order; a
     *                {@link #resetMetrics} replaces them with fresh, unpersisted ones
     */
    public ModelSet(final List<OnlineModel> models, final List<? extends ParameterSink> sinks, final int aucWindow,
                    final List<PrequentialMetrics> metrics) {
        this(models, sinks, aucWindow);
        if (metrics.size() != models.size()) {
            throw new IllegalArgumentException(models.size() + " models but " + metrics.size() + " metrics");
        }
        for (int i = 0; i < models.size(); i++) {
            if (!metrics.get(i).model().equals(models.get(i).name())) {
                throw new IllegalArgumentException("metrics of " + metrics.get(i).model() + " given for model "
                    + models.get(i).name());
            }
        }
        this.metrics.clear();
        this.metrics.addAll(metrics);
    }

    /** Starts every model's metrics afresh (for an evaluation phase after a training phase). */
    public void resetMetrics() {
        metrics.clear();
        itemsEvaluated.clear();
        for (final OnlineModel model : models) {
            metrics.add(new PrequentialMetrics(model.name(), aucWindow));
        }
    }

    /** Every model's prediction for the example, before any of them learns from it (prequential). */
    public List<Prediction> score(final Example example) {
        final List<Prediction> predictions = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            final OnlineModel model = models.get(i);
            final long start = System.nanoTime();
            final double score = model.predict(example);
            nanos[i] += System.nanoTime() - start;
            lastScores[i] = score;
            predictions.add(new Prediction(model.name(), model.version(), score));
        }
        return predictions;
    }

    /**
     * Records the scores of the last {@link #score} call in the metrics, then lets every model learn. Each learn
     * call is timed (wall clock, for monitoring only; see {@link LearnTimer}). Nothing is persisted until
     * {@link #drain}.
     */
    public void learn(final Example example) {
        learn(example, model -> { });
    }

    /** As {@link #learn(Example)}, telling {@code learned} each model's index as soon as that model has learned. */
    public void learn(final Example example, final IntConsumer learned) {
        for (int i = 0; i < models.size(); i++) {
            final OnlineModel model = models.get(i);
            metrics.get(i).record(example.task(), example.label(), lastScores[i]);
            final long start = System.nanoTime();
            if (model instanceof ItemClassifier classifier && classifier.learnsItem(example)
                && !classifier.knowsItemLabels(example)) {
                recordItem(i, classifier.predictItem(example));
            }
            final long learnStart = System.nanoTime();
            model.learn(example);
            learnTimers.get(i).record(System.nanoTime() - learnStart);
            nanos[i] += System.nanoTime() - start;
            learned.accept(i);
        }
    }

    /**
     * Writes every model's state changed since the previous drain to its sink, and every model's metric state to
     * its metric sink: the models' part of a checkpoint.
     */
    public void drain() {
        drain(model -> { });
    }

    /** As {@link #drain()}, telling {@code drained} each model's index as soon as that model is drained. */
    public void drain(final IntConsumer drained) {
        drain(true, drained);
    }

    /**
     * Writes every model's state changed since the previous drain to its sink, without the metrics: a snapshot
     * between two checkpoints, whose sinks hold the entries until the next {@link #drain}. {@code drained} is told
     * each model's index as soon as that model is drained.
     */
    public void drainModels(final IntConsumer drained) {
        drain(false, drained);
    }

    private void drain(final boolean withMetrics, final IntConsumer drained) {
        for (int i = 0; i < models.size(); i++) {
            final long start = System.nanoTime();
            models.get(i).drainChanges(sinks.get(i));
            if (withMetrics) {
                metrics.get(i).flush();
            }
            nanos[i] += System.nanoTime() - start;
            drained.accept(i);
        }
    }

    /**
     * Records the scores of the last {@link #score} call without learning (a frozen model's evaluation). Item
     * classifiers have each item whose labels they have not learned predicted once, at its first event since the
     * last {@link #resetMetrics}.
     */
    public void evaluate(final Example example) {
        final boolean firstOfItem = itemsEvaluated.add(example.itemId());
        for (int i = 0; i < models.size(); i++) {
            metrics.get(i).record(example.task(), example.label(), lastScores[i]);
            if (firstOfItem && models.get(i) instanceof ItemClassifier classifier
                && !classifier.knowsItemLabels(example)) {
                recordItem(i, classifier.predictItem(example));
            }
        }
    }

    private void recordItem(final int model, final ItemClassifier.ItemPrediction prediction) {
        if (prediction != null) {
            metrics.get(model).recordItem(prediction.probabilities(), prediction.labels());
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

    /**
     * Wall-clock nanoseconds each model has spent predicting, learning and persisting so far (a measurement for
     * reports; nothing the models compute depends on it).
     */
    public long[] nanos() {
        return nanos.clone();
    }
}
