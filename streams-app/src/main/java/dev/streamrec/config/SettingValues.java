package dev.streamrec.config;

import java.util.List;
import java.util.Map;

/** The parsed values of one {@link SettingsDef}: every declared key, given or defaulted, in its type's form. */
public final class SettingValues {
    private final Map<String, Object> values;

    SettingValues(final Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public int getInt(final String key) {
        return (Integer) get(key);
    }

    public long getLong(final String key) {
        return (Long) get(key);
    }

    public float getFloat(final String key) {
        return (Float) get(key);
    }

    public double getDouble(final String key) {
        return (Double) get(key);
    }

    public boolean getBoolean(final String key) {
        return (Boolean) get(key);
    }

    public String getString(final String key) {
        return (String) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(final String key) {
        return (List<Integer>) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> getStringList(final String key) {
        return (List<String>) get(key);
    }

    private Object get(final String key) {
        final Object value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("no setting " + key + " is declared");
        }
        return value;
    }
}
