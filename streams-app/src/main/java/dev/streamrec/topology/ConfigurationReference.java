package dev.streamrec.topology;

import dev.streamrec.config.Setting;
import dev.streamrec.config.SettingsDef;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.ModelProvider;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The configuration reference page ({@code docs/configuration.md}) generated from the declarations: streamrec's own
 * keys ({@link StreamrecConfig#DEFINITION}), the featurizer's ({@link FeatureConfig#DEFINITION}) and every model's
 * ({@link ModelProvider#definition()}). {@code streamrec config-reference --out docs/configuration.md} rewrites it;
 * a test fails when the checked-in page differs from {@link #markdown()}.
 */
public final class ConfigurationReference {
    private ConfigurationReference() {
    }

    /** The whole page. */
    public static String markdown() {
        final StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
            .append("Generated from the code by `streamrec config-reference --out docs/configuration.md`; do not ")
            .append("edit by hand (`ConfigurationReferenceTest` fails when this page and the code differ).\n\n")
            .append("Every command that runs the models takes these keys as `--set key=value` or from a properties ")
            .append("file (`--config FILE`). Keys that are not streamrec's are passed to Kafka Streams and its ")
            .append("clients unchanged. Under the prefixes `features.`, `lr.`, `lcwd.` and `deepmix.` only the keys ")
            .append("listed here are accepted: any other key under them fails the start, naming the nearest valid ")
            .append("key. Keys marked *set by* are not settings: their values come from the featurizer or the ")
            .append("validator, and setting them fails the start.\n\n");
        md.append("## streamrec (`streamrec.*` and the schema registry)\n\n");
        md.append("| key | type | default | valid values | importance | description |\n|---|---|---|---|---|---|\n");
        StreamrecConfig.DEFINITION.configKeys().values().stream()
            .sorted((a, b) -> a.name.compareTo(b.name))
            .forEach(key -> md.append(row(key.name, key.type.toString().toLowerCase(java.util.Locale.ROOT),
                defaultText(key), key.validator == null ? "" : key.validator.toString(),
                key.importance.toString().toLowerCase(java.util.Locale.ROOT), key.documentation)));
        section(md, FeatureConfig.DEFINITION);
        for (final ModelProvider provider : ModelFactory.PROVIDERS) {
            section(md, provider.definition());
        }
        return md.toString();
    }

    private static void section(final StringBuilder md, final SettingsDef<?> definition) {
        md.append("\n## ").append(definition.title()).append(" (`").append(definition.prefix()).append("*`)\n\n");
        md.append("| key | type | default | valid values | description |\n|---|---|---|---|---|\n");
        for (final Setting<?> s : definition.settings()) {
            final String valid = s.owned() ? "*set by* " + s.owner() : s.validator().description();
            md.append(row(s.key(), s.type().displayName(), s.defaultText(), valid, s.doc()));
        }
    }

    private static String defaultText(final ConfigDef.ConfigKey key) {
        if (key.defaultValue == ConfigDef.NO_DEFAULT_VALUE) {
            return "(required)";
        }
        return key.defaultValue == null ? "(none)" : ConfigDef.convertToString(key.defaultValue, key.type);
    }

    /** One table row: the key and the default in code font, the other cells as text. */
    private static String row(final String key, final String type, final String defaultValue, final String... rest) {
        final StringBuilder row = new StringBuilder("| `").append(key).append("` | ").append(type).append(" | ")
            .append(defaultValue.isEmpty() ? "\"\"" : "`" + cell(defaultValue) + "`");
        for (final String text : rest) {
            row.append(" | ").append(cell(text));
        }
        return row.append(" |\n").toString();
    }

    private static String cell(final String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
