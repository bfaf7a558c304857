package dev.streamrec.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation run.
 *
 * @param source          what was replayed (e.g. the MovieLens directory)
 * @param settings        how
 * @param events          events that reached the models (learned or evaluated)
 * @param trainedEvents   events learned before measuring started (offline protocol; 0 for prequential)
 * @param rejected        events and profiles rejected by validation or featurization, by reason (never dropped
 *                        silently: counted here)
 * @param seconds         wall-clock seconds of the whole replay
 * @param models          per model, in the configured order
 */
public record EvaluationResult(String source, EvaluationSettings settings, long events, long trainedEvents,
                               Map<String, Long> rejected, double seconds, List<ModelResult> models) {
    public EvaluationResult {
        rejected = Map.copyOf(rejected);
        models = List.copyOf(models);
    }

    /** Events of the whole run per wall-clock second, all models together. */
    public double eventsPerSecond() {
        return seconds > 0 ? events / seconds : Double.NaN;
    }
}
