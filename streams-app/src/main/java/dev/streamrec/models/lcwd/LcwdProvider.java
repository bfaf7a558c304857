package dev.streamrec.models.lcwd;

import dev.streamrec.config.SettingsDef;
import dev.streamrec.models.FactorSides;
import dev.streamrec.models.ModelContext;
import dev.streamrec.models.ModelProvider;

import java.util.Map;

/**
 * LC-W&amp;D: {@code lcwd.*} settings; the hashed space, the number of feature groups and the rating range come
 * from the featurizer and the validator.
 */
public final class LcwdProvider implements ModelProvider {
    @Override
    public String name() {
        return LcwdModel.NAME;
    }

    @Override
    public SettingsDef<LcwdConfig> definition() {
        return LcwdConfig.DEFINITION;
    }

    @Override
    public Builder configure(final Map<String, String> properties, final ModelContext context) {
        final FactorSides sides = FactorSides.of(context.groups(), true);
        final LcwdConfig config = LcwdConfig.fromValues(LcwdConfig.DEFINITION.parseUser(properties, Map.of(
            LcwdConfig.HASH_BITS, context.features().hashBits(),
            LcwdConfig.FEATURE_GROUPS, context.groups().size(),
            LcwdConfig.RATING_MIN, context.ratingMin(),
            LcwdConfig.RATING_MAX, context.ratingMax(),
            LcwdConfig.FACTOR_USER_GROUPS, sides.user(),
            LcwdConfig.FACTOR_ITEM_GROUPS, sides.item())));
        return linear -> new LcwdModel(config, linear);
    }
}
