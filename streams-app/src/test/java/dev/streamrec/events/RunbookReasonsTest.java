package dev.streamrec.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamrec.registry.BadRecordException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator's runbook lists exactly the dead-letter reasons the code can emit. */
class RunbookReasonsTest {
    @Test
    void runbookListsExactlyTheRejectReasons() throws IOException {
        final String runbook = Files.readString(Path.of("..", "ops", "RUNBOOK.md"));
        final Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(runbook);
        final Set<String> listed = new TreeSet<>();
        while (row.find()) {
            listed.add(row.group(1));
        }
        final Set<String> emitted = new TreeSet<>(Arrays.stream(RejectReason.values()).map(Enum::name).toList());
        assertEquals(emitted, listed, "ops/RUNBOOK.md's reason table");
    }

    @Test
    void everySerdeFailureHasADeadLetterReasonOfTheSameName() {
        for (final BadRecordException.Reason reason : BadRecordException.Reason.values()) {
            assertEquals(reason.name(), RejectReason.valueOf(reason.name()).name());
        }
    }
}
