package dev.streamrec.models;

import dev.streamrec.config.SettingsDef;

import java.util.Map;

/**
 * How a model plugs in: its name, its settings (one {@link SettingsDef}, read by its prefix) and how to build it
 * from a user's properties and the featurizer's {@link ModelContext}.
 */
public interface ModelProvider {
    /** The model's name in {@code streamrec.models}. */
    String name();

    /** The model's settings. */
    SettingsDef<?> definition();

    /**
     * Parses and validates the model's settings from {@code properties} (keys outside its prefix are ignored; unknown
     * keys under it and values the context owns are refused), once at start.
     *
     * @return makes a fresh model of these settings for each stream task
     */
    Builder configure(Map<String, String> properties, ModelContext context);

    /** Makes fresh models of one configuration. */
    @FunctionalInterface
    interface Builder {
        /**
         * @param linear the first-order weights of the logistic regression run beside this model (zero when it does
         *               not run); only LC-W&amp;D reads them
         */
        OnlineModel build(LinearWeights linear);
    }
}
