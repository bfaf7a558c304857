package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class SettingsOptionsTest {
    @TempDir
    Path dir;

    @Test
    void shouldOfferConfigOnEveryCommandThatTakesSet() {
        final List<String> missing = new ArrayList<>();
        final List<String> checked = new ArrayList<>();
        walk(StreamrecCommand.commandLine(Map.of()).getCommandSpec(), missing, checked);
        assertEquals(List.of(), missing, "commands with --set but no --config");
        assertTrue(checked.containsAll(List.of("streamrec evaluate", "streamrec demo", "streamrec bench core",
            "streamrec bench sweep", "streamrec bench e2e", "streamrec replay", "streamrec export", "streamrec run")),
            checked.toString());
    }

    private static void walk(final CommandSpec spec, final List<String> missing, final List<String> checked) {
        if (spec.findOption("--set") != null) {
            checked.add(spec.qualifiedName());
            if (spec.findOption("--config") == null) {
                missing.add(spec.qualifiedName());
            }
        }
        spec.subcommands().values().forEach(sub -> walk(sub.getCommandSpec(), missing, checked));
    }

    @Test
    void shouldLayTheSetOptionsOverTheFile() throws IOException {
        final Path file = dir.resolve("streamrec.properties");
        Files.writeString(file, "deepmix.batch.size=64\nstreamrec.models=lr\nbootstrap.servers=k:9092\n",
            StandardCharsets.UTF_8);
        final EvaluateCommand evaluate = new EvaluateCommand();
        new CommandLine(evaluate).setCaseInsensitiveEnumValuesAllowed(true)
            .parseArgs("data", "--config", file.toString(), "--set", "streamrec.models=lr,lcwd");
        assertEquals(Map.of("deepmix.batch.size", "64", "streamrec.models", "lr,lcwd", "bootstrap.servers", "k:9092"),
            evaluate.settings.properties());
    }

    @Test
    void shouldResolveTheAucWindowFromTheOptionOrTheOneKey() {
        final String key = "streamrec.metrics.auc.window";
        assertEquals(0, SettingsOptions.aucWindow(null, Map.of(), 0));
        assertEquals(500, SettingsOptions.aucWindow(null, Map.of(key, "500"), 0));
        assertEquals(700, SettingsOptions.aucWindow(700, Map.of(), 0));
        assertEquals(700, SettingsOptions.aucWindow(700, Map.of(key, "700"), 0));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> SettingsOptions.aucWindow(700, Map.of(key, "500"), 0)).getMessage().contains(key));
    }
}
