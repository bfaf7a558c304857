package dev.streamrec.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import dev.streamrec.schema.SnapshotRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends every record of one model and task ({@code <model>/<task>/...} keys) to one partition of the snapshot
 * topic, so readers see a snapshot's chunks before its manifest and snapshots in the order they were taken.
 */
final class SnapshotPartitioner implements StreamPartitioner<String, SnapshotRecord> {
    @Override
    public Optional<Set<Integer>> partitions(final String topic, final String key, final SnapshotRecord value,
                                             final int numPartitions) {
        final int second = key.indexOf('/', key.indexOf('/') + 1);
        final byte[] modelTask = key.substring(0, second).getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(modelTask)) % numPartitions));
    }
}
