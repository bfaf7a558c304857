package dev.streamrec.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamrec.snapshot.Snapshot;
import dev.streamrec.snapshot.SnapshotAssembler;
import dev.streamrec.snapshot.SnapshotExporter;
import dev.streamrec.snapshot.StateEntry;
import dev.streamrec.topology.StreamrecConfig;
import dev.streamrec.topology.TopicSerdes;
import dev.streamrec.topology.WarmStartStates;

/**
 * Loads the states a warm start begins from, as configured: an exported directory
 * ({@value StreamrecConfig#WARM_START_DIR}) or the latest snapshots of the snapshot topic
 * ({@value StreamrecConfig#WARM_START_FROM_TOPIC}); none when neither is set.
 */
public final class WarmStarts {
    private WarmStarts() {
    }

    public static WarmStartStates load(final StreamrecConfig config, final TopicSerdes serdes) {
        final String dir = config.getString(StreamrecConfig.WARM_START_DIR);
        final boolean fromTopic = config.getBoolean(StreamrecConfig.WARM_START_FROM_TOPIC);
        if (!dir.isBlank() && fromTopic) {
            throw new IllegalArgumentException("set either " + StreamrecConfig.WARM_START_DIR + " or "
                + StreamrecConfig.WARM_START_FROM_TOPIC + ", not both");
        }
        if (!dir.isBlank()) {
            try {
                return new WarmStartStates(SnapshotExporter.readStates(Path.of(dir)));
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read warm-start directory " + dir, e);
            }
        }
        if (fromTopic) {
            final SnapshotAssembler assembler = new SnapshotAssembler();
            new SnapshotTopicReader(config.clientProperties(), serdes).readAll(config.topics().snapshots(), assembler,
                Duration.ofMinutes(5));
            final Map<String, List<StateEntry>> states = new TreeMap<>();
            for (final Snapshot snapshot : assembler.snapshots()) {
                states.put(snapshot.model() + "/" + snapshot.task(), snapshot.entries());
            }
            return new WarmStartStates(states);
        }
        return WarmStartStates.NONE;
    }
}
