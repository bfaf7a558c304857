package dev.streamrec.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.streamrec.events.ValidationConfig;
import dev.streamrec.learning.ModelFactory;

/**
 * The part of the configuration a model's state depends on: the featurizer ({@code features.*}), the models'
 * hyper-parameters ({@code lr.*}, {@code lcwd.*}, {@code deepmix.*}), the model list and the rating range. Topic
 * names, client settings and application ids are left out, so replays to other topics give equal snapshots.
 * {@link #modelFactory} is the one way back from a recorded configuration to models.
 */
public final class ModelConfiguration {
    /** The recorded model list (the value of {@code streamrec.models}). */
    public static final String MODELS = "streamrec.models";
    /** The recorded rating range (effective values of {@code streamrec.rating.min} and {@code .max}). */
    public static final String RATING_MIN = "streamrec.rating.min";
    public static final String RATING_MAX = "streamrec.rating.max";

    private ModelConfiguration() {
    }

    /** The model-relevant keys of {@code properties}, sorted. */
    public static SortedMap<String, String> select(final Map<String, String> properties) {
        final SortedMap<String, String> selected = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (ModelFactory.PREFIXES.stream().anyMatch(key::startsWith) || key.equals(MODELS)
                || key.equals(RATING_MIN) || key.equals(RATING_MAX)) {
                selected.put(key, value);
            }
        });
        return selected;
    }

    /**
     * The factory of {@code models} as a snapshot recorded them: the same declarations parse the recorded
     * configuration as parsed the running one (an unknown or owned key fails here too), with the recorded rating
     * range. A recorded configuration always carries the range ({@code StreamrecConfig#modelConfiguration}).
     */
    public static ModelFactory modelFactory(final Map<String, String> recorded, final List<String> models) {
        final ValidationConfig validation = new ValidationConfig(ratingBound(recorded, RATING_MIN),
            ratingBound(recorded, RATING_MAX), 0L, ValidationConfig.DEFAULT_MAX_EVENT_TIME_MILLIS);
        return ModelFactory.fromProperties(models, recorded, validation);
    }

    private static float ratingBound(final Map<String, String> recorded, final String key) {
        final String value = recorded.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the snapshot's configuration records no " + key);
        }
        try {
            return Float.parseFloat(value.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("the snapshot's configuration has " + key + "='" + value + "'", e);
        }
    }

    /** SHA-256 (hex) of the sorted {@code key=value} lines of {@code config}. */
    public static String hash(final Map<String, String> config) {
        final StringBuilder lines = new StringBuilder();
        new TreeMap<>(config).forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        return sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code bytes} as lower-case hex. */
    public static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
