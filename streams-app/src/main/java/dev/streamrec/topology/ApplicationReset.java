package dev.streamrec.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/**
 * Resets a Kafka Streams application the way Kafka's application reset tool does, through the Admin API: refuses
 * while the group has members, deletes the application's internal topics ({@code <application.id>-...-changelog}
 * and {@code -repartition}) and its consumer group (so every input topic is read from the beginning), or, given a
 * start time, sets the group's offsets of the event topics to the first record at or after it (profile topics from
 * the beginning). Local state is the caller's to wipe ({@code KafkaStreams#cleanUp}).
 */
public final class ApplicationReset {
    private final Admin admin;

    /** What a reset did. */
    public record Report(List<String> deletedTopics, boolean groupDeleted, Map<TopicPartition, Long> startOffsets) {
    }

    public ApplicationReset(final Admin admin) {
        this.admin = admin;
    }

    /**
     * Prepares a replay of {@code config}'s application: creates its missing topics (the outputs of a replay into
     * separate topics) and resets it; events from {@code from} (null: the beginning), profiles from the beginning.
     */
    public static Report forReplay(final StreamrecConfig config, final Instant from, final short replication) {
        final Topics topics = config.topics();
        try (Admin admin = Admin.create(config.clientProperties())) {
            new TopicProvisioner(admin).createMissing(topics, config.getInt(StreamrecConfig.PARTITIONS), replication,
                config.getLong(StreamrecConfig.RETENTION_MS));
            return new ApplicationReset(admin).reset(config.streamsProperties().getProperty("application.id"),
                List.of(topics.impressions(), topics.ratings()), List.of(topics.users()), from);
        }
    }

    /**
     * Resets {@code applicationId}.
     *
     * @param eventTopics   topics to start at {@code from} (when given)
     * @param profileTopics topics to start at the beginning (when {@code from} is given; otherwise all start there)
     * @param from          start time of the replay, or null for the very beginning
     */
    public Report reset(final String applicationId, final List<String> eventTopics, final List<String> profileTopics,
                        final Instant from) {
        try {
            final ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                .all().get().get(applicationId);
            if (group != null && !group.members().isEmpty()) {
                throw new IllegalStateException("application " + applicationId + " still has " + group.members().size()
                    + " active member(s); stop every instance before a replay");
            }
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw failure("describe consumer group " + applicationId, e);
            }
        } catch (final InterruptedException e) {
            throw interrupted(e);
        }
        try {
            final Set<String> topics = admin.listTopics().names().get();
            final List<String> internal = topics.stream().filter(t -> t.startsWith(applicationId + "-")
                && (t.endsWith("-changelog") || t.endsWith("-repartition"))).sorted().toList();
            admin.deleteTopics(internal).all().get();
            final boolean groupDeleted = deleteGroup(applicationId);
            final Map<TopicPartition, Long> offsets = from == null ? Map.of()
                : startOffsets(applicationId, eventTopics, profileTopics, from);
            return new Report(internal, groupDeleted, offsets);
        } catch (final ExecutionException e) {
            throw failure("reset application " + applicationId, e);
        } catch (final InterruptedException e) {
            throw interrupted(e);
        }
    }

    private boolean deleteGroup(final String applicationId) throws InterruptedException, ExecutionException {
        try {
            admin.deleteConsumerGroups(List.of(applicationId)).all().get();
            return true;
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw new IllegalStateException("application " + applicationId + " is running; stop it first", e);
            }
            throw e;
        }
    }

    private Map<TopicPartition, Long> startOffsets(final String applicationId, final List<String> eventTopics,
                                                   final List<String> profileTopics, final Instant from)
        throws InterruptedException, ExecutionException {
        final Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
        final Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        final List<String> all = new ArrayList<>(eventTopics);
        all.addAll(profileTopics);
        admin.describeTopics(all).allTopicNames().get().forEach((topic, description) ->
            description.partitions().forEach(p -> {
                final TopicPartition tp = new TopicPartition(topic, p.partition());
                (eventTopics.contains(topic) ? atTime : earliest).put(tp,
                    eventTopics.contains(topic) ? OffsetSpec.forTimestamp(from.toEpochMilli()) : OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }));
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = new HashMap<>();
        found.putAll(admin.listOffsets(atTime).all().get());
        found.putAll(admin.listOffsets(earliest).all().get());
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        final Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        found.forEach((tp, info) -> {
            // No record at or after the time: start at the end.
            final long offset = info.offset() < 0 ? ends.get(tp).offset() : info.offset();
            offsets.put(tp, offset);
            commit.put(tp, new OffsetAndMetadata(offset));
        });
        admin.alterConsumerGroupOffsets(applicationId, commit).all().get();
        return offsets;
    }

    private static IllegalStateException failure(final String what, final ExecutionException e) {
        return new IllegalStateException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    }

    private static IllegalStateException interrupted(final InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted", e);
    }
}
