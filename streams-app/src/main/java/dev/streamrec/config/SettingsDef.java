package dev.streamrec.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The settings of one config record {@code C} under one key prefix, each declared once with type, default,
 * validator and doc (Kafka's {@code ConfigDef} style). Parsing rejects keys under the prefix that are not declared,
 * suggesting the nearest declared one, and refuses user values for settings the featurizer or validator owns.
 */
public final class SettingsDef<C> {
    private final String prefix;
    private final String title;
    private final Map<String, Setting<C>> settings = new LinkedHashMap<>();

    /**
     * @param prefix the key prefix, with its dot ({@code lcwd.})
     * @param title  what the settings configure, for messages and the configuration reference
     */
    public SettingsDef(final String prefix, final String title) {
        this.prefix = prefix;
        this.title = title;
    }

    /** Declares a user setting; its default is checked by its validator. Returns the key. */
    public String define(final String key, final SettingType type, final Object defaultValue,
                         final Validator validator, final String doc, final Function<C, ?> accessor) {
        add(new Setting<>(key, type, defaultValue, validator, doc, accessor, null));
        validator.ensure(key, defaultValue);
        return key;
    }

    /** Declares a setting whose value {@code owner} supplies (a user may not set it). Returns the key. */
    public String defineOwned(final String key, final SettingType type, final Object defaultValue,
                              final String owner, final String doc, final Function<C, ?> accessor) {
        add(new Setting<>(key, type, defaultValue, Validator.ANY, doc, accessor, owner));
        return key;
    }

    public String prefix() {
        return prefix;
    }

    public String title() {
        return title;
    }

    /** The declared settings, in declaration order. */
    public Collection<Setting<C>> settings() {
        return settings.values();
    }

    /**
     * Checks the keys a user gave: every key under the prefix must be a declared user setting. Throws
     * {@link IllegalArgumentException} naming the key, and the nearest declared key or the owner of the value.
     */
    public void checkUserKeys(final Map<String, String> properties) {
        for (final String key : properties.keySet()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            final Setting<C> setting = settings.get(key);
            if (setting == null) {
                throw new IllegalArgumentException(unknownKeyMessage(key));
            }
            if (setting.owned()) {
                throw new IllegalArgumentException(key + " cannot be set: " + title + " takes it from "
                    + setting.owner() + "; remove it from the configuration");
            }
        }
    }

    /**
     * Parses a user's properties (keys outside the prefix are ignored) with the owned settings' values supplied by
     * {@code owned}; absent user settings take their defaults.
     */
    public SettingValues parseUser(final Map<String, String> properties, final Map<String, Object> owned) {
        checkUserKeys(properties);
        final Map<String, String> merged = new LinkedHashMap<>(properties);
        owned.forEach((key, value) -> {
            final Setting<C> setting = settings.get(key);
            if (setting == null || !setting.owned()) {
                throw new IllegalArgumentException(key + " is not an owned setting of " + title);
            }
            merged.put(key, setting.type().format(value));
        });
        return parse(merged);
    }

    /**
     * Parses every key under the prefix, owned ones included (what {@link #render} wrote); absent keys take their
     * defaults, undeclared ones are rejected with a suggestion.
     */
    public SettingValues parse(final Map<String, String> properties) {
        for (final String key : properties.keySet()) {
            if (key.startsWith(prefix) && !settings.containsKey(key)) {
                throw new IllegalArgumentException(unknownKeyMessage(key));
            }
        }
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final Setting<C> setting : settings.values()) {
            final String raw = properties.get(setting.key());
            values.put(setting.key(), raw == null ? setting.defaultValue() : parseValue(setting, raw));
        }
        return new SettingValues(values);
    }

    /** {@link #parse(Map)} of a {@link Properties}. */
    public SettingValues parse(final Properties properties) {
        final Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return parse(map);
    }

    /** Every declared key of {@code config} in text form, in declaration order; {@link #parse} reads it back. */
    public Map<String, String> render(final C config) {
        final Map<String, String> out = new LinkedHashMap<>();
        settings.values().forEach(s -> out.put(s.key(), s.type().format(s.accessor().apply(config))));
        return out;
    }

    /** The user settings' keys (owned ones left out). */
    public List<String> userKeys() {
        final List<String> keys = new ArrayList<>();
        settings.values().stream().filter(s -> !s.owned()).forEach(s -> keys.add(s.key()));
        return keys;
    }

    private void add(final Setting<C> setting) {
        if (!setting.key().startsWith(prefix)) {
            throw new IllegalArgumentException(setting.key() + " is outside the prefix " + prefix);
        }
        if (settings.putIfAbsent(setting.key(), setting) != null) {
            throw new IllegalArgumentException(setting.key() + " is declared twice");
        }
    }

    private String unknownKeyMessage(final String key) {
        return "unknown " + title + " setting '" + key + "'"
            + KeySuggestion.nearest(key, userKeys()).map(k -> "; did you mean '" + k + "'?").orElse("")
            + " (the " + prefix + "* settings are listed in docs/configuration.md)";
    }

    private static Object parseValue(final Setting<?> setting, final String raw) {
        final Object value;
        try {
            value = setting.type().parse(raw);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value '" + raw + "' for " + setting.key() + ": expected "
                + setting.type().displayName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
        setting.validator().ensure(setting.key(), value);
        return value;
    }
}
