package dev.streamrec.query;

import java.time.Duration;
import java.util.List;

import dev.streamrec.state.ProfileStores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds the instance that owns a user through Kafka Streams' interactive-query metadata
 * ({@link KafkaStreams#queryMetadataForKey} on the user-profile store, with the topology's key serializer and the
 * default partitioner the event topics are written with) and forwards requests to it over HTTP. Instances are known
 * by their {@code application.server} (host:port of their HTTP endpoint).
 */
public final class QueryRouter implements Owners {
    /** The header a forwarded request carries (the forwarding instance); such a request is never forwarded again. */
    public static final String FORWARDED_BY = "X-Streamrec-Forwarded-By";
    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Forwarder forwarder;

    /** Where a user's events are processed: the partition, its active instance and standbys. */
    public record Owner(int partition, HostInfo active, List<HostInfo> standbys, boolean local) { }

    /** An answer of another instance, passed on as it is. */
    public record Forwarded(int status, byte[] body) { }

    public QueryRouter(final KafkaStreams streams, final HostInfo self, final Duration timeout) {
        this.streams = streams;
        this.self = self;
        this.forwarder = new Forwarder(self, timeout);
    }

    /** This instance's {@code application.server}. */
    @Override
    public HostInfo self() {
        return self;
    }

    /** The owner of {@code user}; 503 while the metadata is not known (starting, rebalancing). */
    @Override
    public Owner locate(final String user) {
        final KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(ProfileStores.USERS, user, KEYS);
        } catch (final IllegalStateException | InvalidStateStoreException notRunning) { // not started, stopping, failed
            throw new QueryException(503, "not_running", "this instance's Kafka Streams client is " + streams.state()
                + "; retry on another instance");
        }
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE
            || metadata.activeHost().equals(HostInfo.unavailable())) {
            throw new QueryException(503, "owner_unknown", "the owner of user " + user + " is not known yet (state "
                + streams.state() + "); retry");
        }
        return new Owner(metadata.partition(), metadata.activeHost(), List.copyOf(metadata.standbyHosts()),
            metadata.activeHost().equals(self));
    }

    /** Sends the request to {@code host} and returns its answer; 502 when it cannot be reached. */
    @Override
    public Forwarded forward(final HostInfo host, final String method, final String pathAndQuery, final byte[] body) {
        return forwarder.forward(host, method, pathAndQuery, body);
    }
}
