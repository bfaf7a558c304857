package dev.streamrec.models.deepmix;

import dev.streamrec.features.SparseFeatures;

import java.util.Arrays;
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
