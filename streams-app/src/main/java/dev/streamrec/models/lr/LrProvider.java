package dev.streamrec.models.lr;

import dev.streamrec.config.SettingsDef;
import dev.streamrec.models.ModelContext;
import dev.streamrec.models.ModelProvider;

import java.util.Map;

/** Logistic regression (FTRL-Proximal): {@code lr.*} settings, sized by the featurizer's hashed space. */
public final class LrProvider implements ModelProvider {
    @Override
    public String name() {
        return LogisticRegressionModel.NAME;
    }

    @Override
    public SettingsDef<FtrlConfig> definition() {
        return FtrlConfig.DEFINITION;
    }

    @Override
    public Builder configure(final Map<String, String> properties, final ModelContext context) {
        final FtrlConfig config = FtrlConfig.fromValues(FtrlConfig.DEFINITION.parseUser(properties, Map.of()));
        return linear -> new LogisticRegressionModel(config, context.features().hashBits(), context.ratingMin(),
            context.ratingMax());
    }
}
