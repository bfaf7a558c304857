package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * One item for the multi-label genre head. The model adds the item's dense .npy vector and its interaction history
 * (running mean of the embeddings of users who interacted with it) from its own state.
 *
 * @param itemId      the item
 * @param labels      indices into the configured label vocabulary ({@code deepmix.genre.labels}); the true set
 * @param attributes  the item's other attributes as hashed categorical features (groups from {@code deepmix.item.groups})
 * @param titleTokens hashed title tokens, pooled by mean in the title embedding table
 */
public record ItemExample(String itemId, int[] labels, SparseFeatures attributes, int[] titleTokens) {
    public ItemExample {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(attributes, "attributes");
        labels = labels.clone();
        titleTokens = titleTokens.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] titleTokens() {
        return titleTokens.clone();
    }

    /** Whether the event carries any feature of the genre group (its item's labels). */
    static boolean hasLabels(final Example example, final DeepMixConfig config) {
        final SparseFeatures f = example.categorical();
        for (int i = 0; i < f.size(); i++) {
            if (f.group(i) == config.genreGroup()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The genre head's view of an event's item: the labels are the event's features in the genre group whose hashed
     * index is a configured label's; the inputs are its features in the item groups (the title is one of them, so
     * no separate title tokens).
     */
    static ItemExample of(final Example example, final DeepMixConfig config) {
        final SparseFeatures f = example.categorical();
        final List<Integer> labelIndices = config.genreLabelIndices();
        final SparseFeatures attributes = new SparseFeatures(Math.max(1, f.size()));
        final BitSet labels = new BitSet(labelIndices.size());
        for (int i = 0; i < f.size(); i++) {
            final int g = f.group(i);
            if (g == config.genreGroup()) {
                final int k = labelIndices.indexOf(f.index(i));
                if (k >= 0) {
                    labels.set(k);
                }
            } else if (config.itemGroups().contains(g)) {
                attributes.add(f.index(i), f.value(i), g);
            }
        }
        return new ItemExample(example.itemId(), labels.stream().toArray(), attributes, new int[0]);
    }

    /** Whether label {@code k} is in the true set. */
    public boolean hasLabel(final int k) {
        for (final int l : labels) {
            if (l == k) {
                return true;
            }
        }
        return false;
    }

    int titleTokenCount() {
        return titleTokens.length;
    }

    int titleToken(final int i) {
        return titleTokens[i];
    }

    /** A copy that shares no mutable buffer with this one. */
    public ItemExample copy() {
        return new ItemExample(itemId, labels, attributes.copy(), titleTokens);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ItemExample other && itemId.equals(other.itemId) && Arrays.equals(labels, other.labels)
            && attributes.equals(other.attributes) && Arrays.equals(titleTokens, other.titleTokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemId, Arrays.hashCode(labels), attributes, Arrays.hashCode(titleTokens));
    }

    @Override
    public String toString() {
        return "ItemExample[" + itemId + ", labels=" + Arrays.toString(labels) + ", " + attributes + ", title="
            + Arrays.toString(titleTokens) + "]";
    }
}
