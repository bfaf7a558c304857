package dev.streamrec.models;

import java.util.ArrayList;
import java.util.List;

import dev.streamrec.features.FeatureGroups;

/** The user-side and item-side groups of a featurizer's groups, pooled into a {@link FieldFactorization}'s p and q. */
public record FactorSides(List<Integer> user, List<Integer> item) {
    public FactorSides {
        user = List.copyOf(user);
        item = List.copyOf(item);
    }

    /**
     * {@code user} and {@code user.*} vs {@code item} and {@code item.*} (crosses left out); with
     * {@code attributes} false only the {@code user} and {@code item} id groups.
     */
    public static FactorSides of(final FeatureGroups groups, final boolean attributes) {
        final List<Integer> user = new ArrayList<>();
        final List<Integer> item = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            final String name = groups.name(g);
            if (name.contains(":") || g == groups.otherId()) {
                continue;
            }
            if (name.equals("user") || attributes && name.startsWith("user.")) {
                user.add(g);
            } else if (name.equals("item") || attributes && name.startsWith("item.")) {
                item.add(g);
            }
        }
        return new FactorSides(user, item);
    }
}
