package dev.streamrec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far an application has got through its input topics: the records between its group's committed offsets
 * (committed with its outputs under exactly-once) and the current end of every input partition.
 */
final class CommittedInput {
    private CommittedInput() {
    }

    /** Input records not yet covered by the committed offsets of {@code applicationId} (0 once all is processed). */
    static long remaining(final Admin admin, final String applicationId, final List<String> inputTopics) {
        final Position position = position(admin, applicationId, inputTopics);
        return position.end() - position.committed();
    }

    /**
     * The sums, over every input partition, of the committed offset (0 where none) and of the end offset, the
     * committed one capped at the end.
     */
    record Position(long committed, long end) {
    }

    /** Where {@code applicationId} stands in its input topics now. */
    static Position position(final Admin admin, final String applicationId, final List<String> inputTopics) {
        try {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final var description : admin.describeTopics(inputTopics).allTopicNames().get().values()) {
                description.partitions().forEach(p -> partitions.add(new TopicPartition(description.name(),
                    p.partition())));
            }
            final Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all().get();
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
            long committedSum = 0;
            long endSum = 0;
            for (final TopicPartition partition : partitions) {
                final OffsetAndMetadata offset = committed.get(partition);
                final long end = ends.get(partition).offset();
                committedSum += Math.min(end, offset == null ? 0 : offset.offset());
                endSum += end;
            }
            return new Position(committedSum, endSum);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + applicationId + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the offsets of " + applicationId, e);
        }
    }
}
