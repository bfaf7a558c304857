package dev.streamrec.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a measured run wrote to each state store's changelog, per event: the growth of every changelog partition
 * between two samples (one taken when the measurement starts, one when it ends), summed per store. Kafka Streams
 * names a store's changelog {@code <application.id>-<store>-changelog}.
 *
 * <p>Three measures per store: {@code offsets}, the growth of the end offsets (data records plus the transaction
 * markers exactly-once writes into every partition a transaction touched); {@code records} and
 * {@code payloadBytes}, the data records and the sum of their key and value sizes, counted by reading the range
 * back; {@code diskBytes}, the growth of the partitions' size in the broker's log directory (record batches with
 * their headers and markers, before any compaction).
 */
public final class ChangelogTraffic {
    private ChangelogTraffic() {
    }

    /** One partition of a changelog topic. */
    public record Partition(String topic, int partition) {
    }

    /** A changelog partition at one moment: its end offset and its size on the broker's disk. */
    public record Position(long endOffset, long diskBytes) {
        public static final Position EMPTY = new Position(0, 0);
    }

    /** Data records and their key + value bytes read back from one partition's measured range. */
    public record Payload(long records, long bytes) {
        public static final Payload NONE = new Payload(0, 0);

        public Payload plus(final Payload other) {
            return new Payload(records + other.records, bytes + other.bytes);
        }
    }

    /**
     * One store's changelog growth over the measured run.
     *
     * @param store        the store, or {@code "all stores"} for the total
     * @param offsets      end-offset growth over its partitions (data records + transaction markers)
     * @param records      data records read back
     * @param payloadBytes key + value bytes of those records
     * @param diskBytes    growth of the partitions' size on disk
     * @param events       the measured events the run processed
     */
    public record StoreTraffic(String store, long offsets, long records, long payloadBytes, long diskBytes,
                               long events) {
        public double recordsPerEvent() {
            return perEvent(records);
        }

        public double offsetsPerEvent() {
            return perEvent(offsets);
        }

        public double payloadBytesPerEvent() {
            return perEvent(payloadBytes);
        }

        public double diskBytesPerEvent() {
            return perEvent(diskBytes);
        }

        private double perEvent(final long total) {
            return events == 0 ? 0 : (double) total / events;
        }
    }

    /** The total row's store name. */
    public static final String ALL_STORES = "all stores";

    /**
     * The store a changelog topic of application {@code applicationId} belongs to, or null when {@code topic} is
     * not one of its changelogs.
     */
    public static String storeOf(final String applicationId, final String topic) {
        final String prefix = applicationId + "-";
        final String suffix = "-changelog";
        if (!topic.startsWith(prefix) || !topic.endsWith(suffix)
            || topic.length() <= prefix.length() + suffix.length()) {
            return null;
        }
        return topic.substring(prefix.length(), topic.length() - suffix.length());
    }

    /**
     * Per store (in name order), then the total over all stores: what the changelogs of {@code applicationId} grew
     * by from {@code before} to {@code after} over {@code events} events, with the records read back from that
     * range ({@code payload}; partitions missing from it count as read and empty). A partition absent from
     * {@code before} (created during the run) grew from nothing; topics that are not the application's changelogs
     * are ignored.
     */
    public static List<StoreTraffic> between(final String applicationId, final Map<Partition, Position> before,
                                             final Map<Partition, Position> after,
                                             final Map<Partition, Payload> payload, final long events) {
        final Map<String, long[]> byStore = new TreeMap<>();
        after.forEach((partition, end) -> {
            final String store = storeOf(applicationId, partition.topic());
            if (store == null) {
                return;
            }
            final Position start = before.getOrDefault(partition, Position.EMPTY);
            final Payload read = payload.getOrDefault(partition, Payload.NONE);
            final long[] sums = byStore.computeIfAbsent(store, s -> new long[4]);
            sums[0] += end.endOffset() - start.endOffset();
            sums[1] += read.records();
            sums[2] += read.bytes();
            sums[3] += end.diskBytes() - start.diskBytes();
        });
        final List<StoreTraffic> rows = new ArrayList<>();
        final long[] total = new long[4];
        byStore.forEach((store, sums) -> {
            rows.add(new StoreTraffic(store, sums[0], sums[1], sums[2], sums[3], events));
            for (int i = 0; i < total.length; i++) {
                total[i] += sums[i];
            }
        });
        rows.add(new StoreTraffic(ALL_STORES, total[0], total[1], total[2], total[3], events));
        return rows;
    }
}
