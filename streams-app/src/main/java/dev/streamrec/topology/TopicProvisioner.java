package dev.streamrec.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates streamrec's topics with the right settings: profile topics compacted, event and user topics with one
 * partition count (they are co-partitioned), existing topics left as they are. Returns once the leader of every
 * partition of the created topics serves it: {@code CreateTopics} completes when the controller has committed the
 * topics, which is before the brokers have applied them. The metadata can then name a leader whose replica does not
 * exist yet; a producer sending in that window gets {@code NOT_LEADER_OR_FOLLOWER}, and on a loaded machine an
 * idempotent producer was once seen never to recover from it (its batches expired after the delivery timeout).
 */
public final class TopicProvisioner {
    /** How long {@link #createMissing} waits for the new partitions to be served before it gives up. */
    static final Duration LEADER_WAIT = Duration.ofMinutes(2);

    private final Admin admin;

    public TopicProvisioner(final Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates every missing topic; returns the names it created. Event and output topics get {@code retentionMs}
     * ({@code -1}: keep everything): their records carry event times, which for a replay lie far in the past.
     */
    public List<String> createMissing(final Topics topics, final int partitions, final short replication,
                                      final long retentionMs) {
        try {
            final Set<String> existing = admin.listTopics().names().get();
            final List<NewTopic> wanted = new ArrayList<>();
            final Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT);
            final Map<String, String> retained = Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
            wanted.add(new NewTopic(topics.impressions(), partitions, replication).configs(retained));
            wanted.add(new NewTopic(topics.ratings(), partitions, replication).configs(retained));
            wanted.add(new NewTopic(topics.users(), partitions, replication).configs(compacted));
            wanted.add(new NewTopic(topics.items(), partitions, replication).configs(compacted));
            wanted.add(new NewTopic(topics.scoredEvents(), partitions, replication).configs(retained));
            wanted.add(new NewTopic(topics.deadLetters(), partitions, replication).configs(retained));
            // Compaction keeps the latest snapshot per model and task (records keyed <model>/<task>/...).
            wanted.add(new NewTopic(topics.snapshots(), partitions, replication).configs(compacted));
            if (topics.sync()) {
                // One partition each: one merge task reads every delta; every instance reads every merged round.
                wanted.add(new NewTopic(topics.syncDeltas(), 1, replication).configs(retained));
                wanted.add(new NewTopic(topics.syncMerged(), 1, replication).configs(compacted));
            }
            final List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            admin.createTopics(missing).all().get();
            final List<String> created = missing.stream().map(NewTopic::name).toList();
            final long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
            awaitLeaders(created, deadline);
            awaitServed(created, deadline);
            return created;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Waits until every partition of {@code names} has a leader in the brokers' metadata. */
    private void awaitLeaders(final List<String> names, final long deadline)
        throws InterruptedException, ExecutionException {
        if (names.isEmpty()) {
            return;
        }
        for (List<String> leaderless = leaderless(names); !leaderless.isEmpty(); leaderless = leaderless(names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("created topics, but these partitions have no leader after "
                    + LEADER_WAIT.toSeconds() + " s: " + leaderless);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the leader of every partition of {@code names} answers a {@code ListOffsets} for it, which it does
     * only once its replica exists: from then on a produce request to it is accepted.
     */
    private void awaitServed(final List<String> names, final long deadline)
        throws InterruptedException, ExecutionException {
        if (names.isEmpty()) {
            return;
        }
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (final TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
            for (final TopicPartitionInfo partition : topic.partitions()) {
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        while (true) {
            try {
                admin.listOffsets(latest).all().get();
                return;
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("created topics, but their leaders do not serve them after "
                        + LEADER_WAIT.toSeconds() + " s: " + e.getCause().getMessage(), e.getCause());
                }
                Thread.sleep(100);
            }
        }
    }

    private List<String> leaderless(final List<String> names) throws InterruptedException, ExecutionException {
        final Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(names).allTopicNames().get();
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return names; // the broker answering has not applied the creation yet
            }
            throw e;
        }
        final List<String> leaderless = new ArrayList<>();
        for (final TopicDescription topic : described.values()) {
            for (final TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    leaderless.add(topic.name() + "-" + partition.partition());
                }
            }
        }
        return leaderless;
    }
}
