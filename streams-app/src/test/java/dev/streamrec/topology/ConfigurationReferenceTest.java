package dev.streamrec.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.models.ModelProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {
    /** Surefire runs in the module directory; the page is in the repository's docs/. */
    private static final Path PAGE = Path.of("..", "docs", "configuration.md");

    @Test
    void shouldMatchTheCheckedInPage() throws IOException {
        assertEquals(ConfigurationReference.markdown(), Files.readString(PAGE, StandardCharsets.UTF_8),
            "docs/configuration.md is out of date: regenerate it with "
                + "`java -jar streams-app/target/streamrec.jar config-reference --out docs/configuration.md`");
    }

    @Test
    void shouldListEveryDeclaredKey() {
        final String page = ConfigurationReference.markdown();
        StreamrecConfig.DEFINITION.names().forEach(key -> assertTrue(page.contains("| `" + key + "` |"), key));
        FeatureConfig.DEFINITION.settings().forEach(s -> assertTrue(page.contains("| `" + s.key() + "` |"), s.key()));
        for (final ModelProvider provider : ModelFactory.PROVIDERS) {
            provider.definition().settings().forEach(s -> assertTrue(page.contains("| `" + s.key() + "` |"),
                s.key()));
        }
        assertTrue(page.contains("*set by* streamrec.rating.min"), "owned keys say where their value comes from");
    }
}
