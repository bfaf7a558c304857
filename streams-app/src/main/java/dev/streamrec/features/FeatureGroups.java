package dev.streamrec.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps feature-group names to dense ids {@code 0..size()-1} in configured order. Names that are not configured map
 * to the final {@link #OTHER} group, so {@link #id} is total. Immutable and thread-safe.
 */
public final class FeatureGroups {
    /** The catch-all group; also the group of the bias feature. */
    public static final String OTHER = "other";

    private final List<String> names;
    private final Map<String, Integer> ids;
    private final int otherId;

    /** @param configured ordered group names; {@link #OTHER} is appended when absent */
    public FeatureGroups(final List<String> configured) {
        final List<String> all = new ArrayList<>(configured);
        all.remove(OTHER);
        all.add(OTHER);
        this.names = Collections.unmodifiableList(all);
        this.ids = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (ids.put(all.get(i), i) != null) {
                throw new IllegalArgumentException("group '" + all.get(i) + "' listed twice");
            }
        }
        this.otherId = all.size() - 1;
    }

    public static FeatureGroups of(final FeatureConfig config) {
        return new FeatureGroups(config.groups());
    }

    /** The dense id of {@code name}, or {@link #otherId()} when the name is not configured. Allocation-free. */
    public int id(final String name) {
        final Integer id = ids.get(name);
        return id == null ? otherId : id;
    }

    /** Whether {@code name} is configured (rather than falling into {@link #OTHER}). */
    public boolean contains(final String name) {
        return ids.containsKey(name);
    }

    public int otherId() {
        return otherId;
    }

    /** The group name of dense id {@code id}. */
    public String name(final int id) {
        return names.get(id);
    }

    /** All group names in id order, {@link #OTHER} last. */
    public List<String> names() {
        return names;
    }

    /** The number of groups f, {@link #OTHER} included. */
    public int size() {
        return names.size();
    }
}
