package dev.streamrec.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.streamrec.snapshot.StateEntry;

/**
 * The model states a warm start begins from, keyed {@code <model>/<task>}: a task whose store of a model is empty
 * (a fresh application) loads that model's entries into its store and model before the first event.
 */
public final class WarmStartStates {
    /** No warm start: every model starts fresh (or from its changelog). */
    public static final WarmStartStates NONE = new WarmStartStates(Map.of());

    private final Map<String, List<StateEntry>> states;

    public WarmStartStates(final Map<String, List<StateEntry>> states) {
        this.states = new TreeMap<>(states);
    }

    /** The state of {@code model} in stream task {@code task}, if the warm start has one. */
    public Optional<List<StateEntry>> state(final String model, final String task) {
        return Optional.ofNullable(states.get(model + "/" + task));
    }

    public boolean isEmpty() {
        return states.isEmpty();
    }

    /** The {@code <model>/<task>} keys held. */
    public List<String> keys() {
        return List.copyOf(states.keySet());
    }
}
