package dev.streamrec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import dev.streamrec.events.SyntheticConfig;
import dev.streamrec.events.SyntheticStream;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.schema.EventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelCoreRunTest {
    private static RecordedStream stream;

    @BeforeAll
    static void record() {
        stream = RecordedStream.record(new SyntheticStream(SyntheticConfig.defaults().withSize(200, 100, 40_000)),
            20_000);
    }

    @Test
    void shouldRecordAtMostTheRequestedEventsWithTheirProfiles() {
        assertEquals(20_000, stream.size());
        assertEquals(200, stream.users());
        assertTrue(stream.events().stream().allMatch(e -> e.user() != null && e.item() != null));
        assertTrue(stream.clicks() > 0 && stream.clicks() < stream.size());
    }

    @Test
    void shouldScoreAndLearnEveryEventAndLearnSomething() {
        // AUC over the last 5,000 clicks, once LR has seen most (user, item) pairs' users and items
        final ModelCoreRun.Pass pass = new ModelCoreRun(List.of("lr"), Map.of(), 5_000).run(stream.events());
        assertEquals(stream.size(), pass.events());
        assertEquals(0, pass.rejected());
        assertTrue(pass.nanos() > 0 && pass.parameters() > 0);
        assertTrue(pass.metrics().get(0).auc() > 0.6, "AUC " + pass.metrics().get(0).auc());
    }

    @Test
    void shouldStartEveryPassWithFreshModels() {
        final ModelCoreRun run = new ModelCoreRun(List.of("lr", "lcwd"), Map.of(), 10_000);
        assertEquals(run.run(stream.prefix(5_000)).metrics(), run.run(stream.prefix(5_000)).metrics());
    }

    @Test
    void shouldCountEventsTheFeaturizerRejects() {
        final ModelCoreRun.Pass pass = new ModelCoreRun(List.of("lr"), Map.of(FeatureConfig.MAX_PER_EVENT, "2"),
            10_000).run(stream.prefix(100));
        assertEquals(0, pass.events());
        assertEquals(100, pass.rejected());
    }

    @Test
    void shouldDumpEachClickWithLrsScoreAndHashedInput() throws Exception {
        final StringWriter out = new StringWriter();
        final List<BenchEvent> events = stream.prefix(500);
        final long clicks = events.stream().filter(e -> e.type() == EventType.IMPRESSION).count();
        try (PeerDump dump = new PeerDump(out, 0)) {
            new ModelCoreRun(List.of("lr"), Map.of(FeatureConfig.HASH_BITS, "12"), 10_000).run(events, dump);
            assertEquals(clicks, dump.written());
        }
        final String[] lines = out.toString().split("\n");
        assertEquals(clicks, lines.length);
        for (final String line : lines) {
            final String[] fields = line.split("\t");
            assertTrue(fields[0].equals("0") || fields[0].equals("1"), line);
            final double score = Double.parseDouble(fields[1]);
            assertTrue(score > 0 && score < 1, line);
            for (final String feature : fields[2].split(" ")) {
                final int index = Integer.parseInt(feature.substring(0, feature.indexOf(':')));
                assertTrue(index >= 0 && index < 1 << 12, line);
            }
        }
        assertEquals(0.5, Double.parseDouble(lines[0].split("\t")[1]), 1e-12, "scored before learning");
    }
}
