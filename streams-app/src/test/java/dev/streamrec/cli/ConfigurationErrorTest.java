package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A configuration mistake stops a command at start with one line naming the key, and exit code 2. */
class ConfigurationErrorTest {
    private record Outcome(int code, String err) {
    }

    private static Outcome execute(final String... args) {
        final StringWriter err = new StringWriter();
        final CommandLine command = StreamrecCommand.commandLine(Map.of());
        command.setErr(new PrintWriter(err, true));
        return new Outcome(command.execute(args), err.toString());
    }

    @Test
    void shouldStopEvaluateOnAModelKeyTypoWithTheSuggestionAndNoStackTrace() {
        final Outcome outcome = execute("evaluate", "no-such-dir", "--set", "deepmix.lerning.rate=0.01");
        assertEquals(StreamrecCommand.USAGE_ERROR, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("streamrec evaluate: unknown DeepMix setting 'deepmix.lerning.rate'; "
            + "did you mean 'deepmix.learning.rate'?"), outcome.err());
        assertFalse(outcome.err().contains("\tat "), outcome.err());
    }

    @Test
    void shouldRefuseAnOwnedKeyNamingWhereItsValueComesFrom() {
        final Outcome outcome = execute("evaluate", "no-such-dir", "--set", "lcwd.rating.min=0");
        assertEquals(StreamrecCommand.USAGE_ERROR, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("lcwd.rating.min cannot be set: LC-W&D takes it from streamrec.rating.min"),
            outcome.err());
    }

    @Test
    void shouldStopBenchE2eOnAStreamThreadCountThatIsNotAPositiveNumber() {
        for (final String bad : new String[] {"two", "0"}) {
            final Outcome outcome = execute("bench", "e2e", "--set", "num.stream.threads=" + bad);
            assertEquals(StreamrecCommand.USAGE_ERROR, outcome.code(), outcome.err());
            assertTrue(outcome.err().contains("--set num.stream.threads takes a positive number of threads, got '"
                + bad + "'"), outcome.err());
            assertFalse(outcome.err().contains("\tat "), outcome.err());
        }
    }
}
