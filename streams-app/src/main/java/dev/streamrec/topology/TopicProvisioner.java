package dev.streamrec.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates streamrec's topics with the right settings: profile topics compacted, event and user topics with one
 * partition count (they are co-partitioned), existing topics left as they are.
 */
public final class TopicProvisioner {
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
            final List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            admin.createTopics(missing).all().get();
            return missing.stream().map(NewTopic::name).toList();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
