package dev.streamrec.config;

import java.util.function.Function;

/**
 * One declared setting of a config record {@code C}.
 *
 * @param key          the full property key, e.g. {@code lcwd.batch.size}
 * @param type         its value type
 * @param defaultValue the value an absent key takes
 * @param validator    the check of a given value
 * @param doc          what the setting does, for the configuration reference
 * @param accessor     reads the setting's value (in {@link #type}'s form) back from a config record
 * @param owner        where the value comes from when the featurizer or the validator owns it (a user may not set
 *                     it), or {@code null} for a user setting
 */
public record Setting<C>(String key, SettingType type, Object defaultValue, Validator validator, String doc,
                         Function<C, ?> accessor, String owner) {
    /** Whether the value is set from the featurizer or the validator and refused as a user override. */
    public boolean owned() {
        return owner != null;
    }

    /** The default in its text form. */
    public String defaultText() {
        return type.format(defaultValue);
    }
}
