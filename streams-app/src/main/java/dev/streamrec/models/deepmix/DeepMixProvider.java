package dev.streamrec.models.deepmix;

import dev.streamrec.config.SettingsDef;
import dev.streamrec.features.FeatureGroups;
import dev.streamrec.features.FeatureHasher;
import dev.streamrec.models.FactorSides;
import dev.streamrec.models.ModelContext;
import dev.streamrec.models.ModelProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DeepMix: {@code deepmix.*} settings. Its input layout (one embedding table per feature group, numeric slots by
 * group id, the user group, the item's attribute groups but the genre labels), the genre head's labels (the hashed
 * features of {@code item.genre}, when the featurizer has that group), the hashed space and the rating range come
 * from the featurizer and the validator.
 */
public final class DeepMixProvider implements ModelProvider {
    /** The group whose values are the genre head's labels; it must not be among the head's inputs. */
    static final String LABEL_GROUP = "item.genre";

    @Override
    public String name() {
        return DeepMixModel.NAME;
    }

    @Override
    public SettingsDef<DeepMixConfig> definition() {
        return DeepMixSettings.DEFINITION;
    }

    @Override
    public Builder configure(final Map<String, String> properties, final ModelContext context) {
        final DeepMixConfig config = config(properties, context);
        return linear -> new DeepMixModel(config);
    }

    /** The validated configuration {@link #configure} builds models of. */
    public static DeepMixConfig config(final Map<String, String> properties, final ModelContext context) {
        final FeatureGroups groups = context.groups();
        final List<Integer> itemGroups = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            final String name = groups.name(g);
            if (name.startsWith("item") && !name.equals(LABEL_GROUP) && !name.contains(":")) {
                itemGroups.add(g);
            }
        }
        final FactorSides sides = FactorSides.of(groups, true);
        final Map<String, Object> owned = new HashMap<>();
        owned.put(DeepMixSettings.CATEGORICAL_GROUPS, groups.size());
        owned.put(DeepMixSettings.HASH_BITS, context.features().hashBits());
        owned.put(DeepMixSettings.NUMERIC_GROUPS, groups.size());
        owned.put(DeepMixSettings.USER_GROUP, groups.id("user"));
        owned.put(DeepMixSettings.ITEM_GROUPS, itemGroups);
        owned.put(DeepMixSettings.FACTOR_USER_GROUPS, sides.user());
        owned.put(DeepMixSettings.FACTOR_ITEM_GROUPS, sides.item());
        owned.put(DeepMixSettings.RATING_MIN, context.ratingMin());
        owned.put(DeepMixSettings.RATING_MAX, context.ratingMax());
        DeepMixConfig unwired = DeepMixConfig.fromValues(DeepMixSettings.DEFINITION.parseUser(properties, owned));
        if (!unwired.factorAttributes()) {
            final FactorSides ids = FactorSides.of(groups, false);
            owned.put(DeepMixSettings.FACTOR_USER_GROUPS, ids.user());
            owned.put(DeepMixSettings.FACTOR_ITEM_GROUPS, ids.item());
            unwired = DeepMixConfig.fromValues(DeepMixSettings.DEFINITION.parseUser(properties, owned));
        }
        if (!groups.contains(LABEL_GROUP)) {
            return unwired;
        }
        final FeatureHasher hasher = FeatureHasher.of(context.features());
        final List<Integer> indices = new ArrayList<>();
        for (final String label : unwired.genreLabels()) {
            indices.add(hasher.index(LABEL_GROUP, label));
        }
        owned.put(DeepMixSettings.GENRE_GROUP, groups.id(LABEL_GROUP));
        owned.put(DeepMixSettings.GENRE_LABEL_INDICES, indices);
        return DeepMixConfig.fromValues(DeepMixSettings.DEFINITION.parseUser(properties, owned));
    }
}
