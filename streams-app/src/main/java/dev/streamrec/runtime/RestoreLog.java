package dev.streamrec.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how long each state store partition took to restore from its changelog, and how many records it read: one
 * line per store partition when its restore ends, {@value #LINE_PREFIX} {@code store=S changelog=T records=N
 * millis=M}, and running totals. Restore time is monitoring, never input to processing, so it may use the clock.
 */
public final class RestoreLog implements StateRestoreListener {
    /** The start of every restore log line, for operators' log searches and the integration tests. */
    public static final String LINE_PREFIX = "state restored:";

    private static final Pattern LINE = Pattern.compile(Pattern.quote(LINE_PREFIX)
        + " store=(\\S+) changelog=(\\S+)-(\\d+) records=(\\d+) millis=(\\d+)");

    private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

    /**
     * One store partition's restore, as its line says.
     *
     * @param store     the store's name
     * @param topic     the topic it restored from: its changelog, or a global store's source topic
     * @param partition the topic's partition
     * @param records   records restored
     * @param millis    time the restore took
     */
    public record StoreRestored(String store, String topic, int partition, long records, long millis) {
        /** Whether it restored from a changelog (a task's store), not from a global store's source topic. */
        public boolean fromChangelog() {
            return topic.endsWith("-changelog");
        }
    }

    /** The restore line found in {@code line} (which may carry a logger's prefix), if any. */
    public static Optional<StoreRestored> parse(final String line) {
        final Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new StoreRestored(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
            Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
    }

    private final Map<TopicPartition, Long> startedNanos = new ConcurrentHashMap<>();
    private final AtomicLong totalRecords = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();

    @Override
    public void onRestoreStart(final TopicPartition changelog, final String store, final long startOffset,
                               final long endOffset) {
        startedNanos.put(changelog, System.nanoTime());
        LOG.info("state restore started: store={} changelog={} offsets {}..{}", store, changelog, startOffset,
            endOffset);
    }

    @Override
    public void onBatchRestored(final TopicPartition changelog, final String store, final long batchEndOffset,
                                final long numRestored) {
        // Totals are reported when the restore ends.
    }

    @Override
    public void onRestoreEnd(final TopicPartition changelog, final String store, final long totalRestored) {
        final Long started = startedNanos.remove(changelog);
        final long nanos = started == null ? 0 : System.nanoTime() - started;
        totalRecords.addAndGet(totalRestored);
        totalNanos.addAndGet(nanos);
        LOG.info(String.format(Locale.ROOT, "%s store=%s changelog=%s records=%d millis=%d", LINE_PREFIX, store,
            changelog, totalRestored, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    @Override
    public void onRestoreSuspended(final TopicPartition changelog, final String store, final long totalRestored) {
        startedNanos.remove(changelog);
        LOG.info("state restore suspended: store={} changelog={} records={}", store, changelog, totalRestored);
    }

    /** Records restored so far by this client, over all stores. */
    public long totalRecords() {
        return totalRecords.get();
    }

    /** Time spent restoring so far by this client, summed over store partitions (they may overlap). */
    public long totalMillis() {
        return TimeUnit.NANOSECONDS.toMillis(totalNanos.get());
    }
}
