package dev.streamrec.cli;

import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every long option a default from the environment: {@code --foo-bar} reads {@code STREAMREC_FOO_BAR}.
 * An option given on the command line wins over the environment, which wins over the option's own default.
 */
public final class EnvironmentDefaultProvider implements IDefaultValueProvider {
    private final Map<String, String> environment;

    public EnvironmentDefaultProvider(final Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment variable that mirrors a long option name such as {@code --foo-bar}. */
    public static String variableFor(final String longOption) {
        final String bare = longOption.replaceFirst("^-+", "");
        return "STREAMREC_" + bare.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(final ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option && option.longestName().startsWith("--")) {
            final String value = environment.get(variableFor(option.longestName()));
            if (value != null) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
