package dev.streamrec.query;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;
import dev.streamrec.state.QueryableStores;
import dev.streamrec.topology.StreamrecConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the live-query handlers of one running client: its stores, its live models, its router. */
public final class LiveQueries {
    /** How long a forwarded request may take. */
    public static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(LiveQueries.class);

    private LiveQueries() {
    }

    /** The handlers answering from {@code streams}' tasks, this instance being {@code self}. */
    public static QueryHandlers handlers(final KafkaStreams streams, final LiveModels live,
                                         final StreamrecConfig config, final Deserializer<ItemProfile> items,
                                         final HostInfo self) {
        final QueryableStores stores = new QueryableStores(streams, items, config.topics().items());
        final ItemCatalog catalog = new ItemCatalog(stores::items, live::itemProfileWrites);
        return new QueryHandlers(live, new CandidateScorer(FeatureConfig.fromProperties(config.modelProperties())),
            new QueryRouter(streams, self, FORWARD_TIMEOUT), partition -> new QuerySources() {
                @Override
                public UserProfile user(final String user) {
                    return stores.user(partition, user);
                }

                @Override
                public Set<String> interactedItems(final String user) {
                    return stores.interactedItems(partition, user);
                }

                @Override
                public SortedMap<String, ItemProfile> items() {
                    return catalog.items();
                }
            }, new ObjectMapper());
    }

    /**
     * This instance's {@code application.server} from the Streams properties; when unset and the HTTP port is
     * fixed, sets it to this host's name and {@code httpPort} (other instances must be able to reach it: set it
     * explicitly in a multi-instance deployment). Null when neither is known (HTTP port 0 or off).
     */
    public static HostInfo applicationServer(final Properties streamsProperties, final int httpPort) {
        final Object configured = streamsProperties.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (configured != null && !configured.toString().isEmpty()) {
            return HostInfo.buildFromEndpoint(configured.toString());
        }
        if (httpPort <= 0) {
            return null;
        }
        final HostInfo self = new HostInfo(hostName(), httpPort);
        streamsProperties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        LOG.info("application.server not set: live queries use {}:{}", self.host(), self.port());
        return self;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (final UnknownHostException e) {
            return "localhost";
        }
    }
}
