package dev.streamrec.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The part of the configuration a model's state depends on: the featurizer ({@code features.*}), the models'
 * hyper-parameters ({@code lr.*}, {@code lcwd.*}, {@code deepmix.*}), the model list and the rating range. Topic
 * names, client settings and application ids are left out, so replays to other topics give equal snapshots.
 */
public final class ModelConfiguration {
    private ModelConfiguration() {
    }

    /** The model-relevant keys of {@code properties}, sorted. */
    public static SortedMap<String, String> select(final Map<String, String> properties) {
        final SortedMap<String, String> selected = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("features.") || key.startsWith("lr.") || key.startsWith("lcwd.")
                || key.startsWith("deepmix.") || key.equals("streamrec.models")
                || key.startsWith("streamrec.rating.")) {
                selected.put(key, value);
            }
        });
        return selected;
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
