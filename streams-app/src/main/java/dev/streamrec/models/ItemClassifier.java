package dev.streamrec.models;

import dev.streamrec.features.Example;

import java.util.List;

/**
 * A model that, besides scoring events, classifies the events' items into labels (DeepMix's genre head). The item
 * task rides on the event stream: while learning an event the model decides, from its own persisted state only,
 * whether it also learns the event's item, so replays and restarts learn the same items at the same events.
 */
public interface ItemClassifier {
    /** Whether {@link OnlineModel#learn} of this example will also learn the example's item (a pure function). */
    boolean learnsItem(Example example);

    /**
     * Whether the model has learned the labels of the example's item already. Only predictions of items whose labels
     * are still unknown to the model measure generalization; a learned item's labels are remembered, not predicted.
     */
    boolean knowsItemLabels(Example example);

    /**
     * The item's label probabilities with the current parameters (mutates nothing), or null when the example
     * carries no labels for its item.
     */
    ItemPrediction predictItem(Example example);

    /** The names of the labels, in index order (the order of {@link ItemPrediction#probabilities}); empty if unnamed. */
    default List<String> labelNames() {
        return List.of();
    }

    /**
     * One item's predicted label probabilities and its true labels.
     *
     * @param itemId        the item
     * @param probabilities one per label of the model's vocabulary, on the model's decision scale: a label is
     *                      predicted when its value is at least 0.5 (a model with its own decision rule, e.g.
     *                      learned per-label thresholds, maps its probabilities monotonically onto that scale)
     * @param labels        the indices of the true labels
     */
    record ItemPrediction(String itemId, double[] probabilities, int[] labels) {
    }
}
