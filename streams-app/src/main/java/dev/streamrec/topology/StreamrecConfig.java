package dev.streamrec.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.streamrec.events.FieldLimits;
import dev.streamrec.events.ValidationConfig;
import dev.streamrec.learning.ModelCore;
import dev.streamrec.learning.ModelFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;

/**
 * streamrec's own settings, each declared once with type, default, validator and doc. Every key that is not a
 * streamrec key is passed through untouched to Kafka Streams and its clients (bootstrap servers, security, ...).
 * Model hyper-parameters ({@code features.*}, {@code lr.*}, {@code lcwd.*}, {@code deepmix.*}) are parsed by the
 * models' own config records from {@link #modelProperties()}.
 */
public final class StreamrecConfig extends AbstractConfig {
    public static final String TOPIC_IMPRESSIONS = "streamrec.topic.impressions";
    public static final String TOPIC_RATINGS = "streamrec.topic.ratings";
    public static final String TOPIC_USERS = "streamrec.topic.users";
    public static final String TOPIC_ITEMS = "streamrec.topic.items";
    public static final String TOPIC_SCORED = "streamrec.topic.scored-events";
    public static final String TOPIC_DEAD_LETTERS = "streamrec.topic.dead-letters";
    public static final String TOPIC_SNAPSHOTS = "streamrec.topic.model-snapshots";
    public static final String TOPIC_SYNC_DELTAS = "streamrec.topic.sync-deltas";
    public static final String TOPIC_SYNC_MERGED = "streamrec.topic.sync-merged";
    public static final String SYNC_ROUND_MS = "streamrec.sync.round.ms";
    public static final String SYNC_START_MS = "streamrec.sync.start.ms";
    public static final String SYNC_DENSE_EVERY_ROUNDS = "streamrec.sync.dense.every.rounds";
    public static final String SYNC_CHUNK_BYTES = "streamrec.sync.chunk.bytes";
    public static final String SNAPSHOT_EVERY_EVENTS = "streamrec.snapshot.every.events";
    public static final String SNAPSHOT_EVERY_MS = "streamrec.snapshot.every.ms";
    public static final String SNAPSHOT_CHUNK_BYTES = "streamrec.snapshot.chunk.bytes";
    public static final String CHECKPOINT_EVERY_EVENTS = "streamrec.checkpoint.every.events";
    public static final String WARM_START_DIR = "streamrec.warm.start.dir";
    public static final String WARM_START_FROM_TOPIC = "streamrec.warm.start.from.topic";
    public static final String MODELS = "streamrec.models";
    public static final String RATING_MIN = "streamrec.rating.min";
    public static final String RATING_MAX = "streamrec.rating.max";
    public static final String AUC_WINDOW = "streamrec.metrics.auc.window";
    public static final String METRICS_LOG_INTERVAL_MS = "streamrec.metrics.log.interval.ms";
    public static final String REGISTRY_URL = "schema.registry.url";
    public static final String REGISTRY_USER_INFO = "basic.auth.user.info";
    public static final String PARTITIONS = "streamrec.topic.partitions";
    public static final String RETENTION_MS = "streamrec.topic.retention.ms";
    public static final String HTTP_PORT = "streamrec.http.port";
    private static final String LIMIT = "streamrec.limit.";
    public static final String LIMIT_ID_LENGTH = LIMIT + FieldLimits.ID_LENGTH;
    public static final String LIMIT_GROUPS = LIMIT + FieldLimits.GROUPS;
    public static final String LIMIT_VALUES_PER_GROUP = LIMIT + FieldLimits.VALUES_PER_GROUP;
    public static final String LIMIT_VALUE_LENGTH = LIMIT + FieldLimits.VALUE_LENGTH;
    public static final String LIMIT_TEXT_LENGTH = LIMIT + FieldLimits.TEXT_LENGTH;
    public static final String LIMIT_NUMERIC_MAGNITUDE = LIMIT + FieldLimits.NUMERIC_MAGNITUDE;
    private static final FieldLimits LIMITS = FieldLimits.defaults();
    /** streamrec's default {@code max.poll.records} for Kafka Streams' consumers (Kafka Streams' own: 1,000). */
    public static final int MAX_POLL_RECORDS = 10_000;
    /** streamrec's default {@code compression.type} for Kafka Streams' producers (Kafka's own: none). */
    public static final String COMPRESSION = "lz4";
    /**
     * streamrec's default {@code buffered.records.per.partition} (Kafka Streams' own: 1,000): two polls' worth, so a
     * partition is not paused while the poll that refills it is still in flight.
     */
    public static final int BUFFERED_RECORDS_PER_PARTITION = 2 * MAX_POLL_RECORDS;
    /** streamrec's default {@code batch.size} for Kafka Streams' producers, in bytes (Kafka's own: 16,384). */
    public static final int PRODUCER_BATCH_BYTES = 65_536;

    /** The declaration of every streamrec key. */
    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(TOPIC_IMPRESSIONS, Type.STRING, "impressions", Importance.HIGH,
            "Input topic of ImpressionEvent records keyed by user id.")
        .define(TOPIC_RATINGS, Type.STRING, "ratings", Importance.HIGH,
            "Input topic of RatingEvent records keyed by user id.")
        .define(TOPIC_USERS, Type.STRING, "users", Importance.HIGH,
            "Compacted topic of UserProfile records keyed by user id; co-partitioned with the event topics.")
        .define(TOPIC_ITEMS, Type.STRING, "items", Importance.HIGH,
            "Compacted topic of ItemProfile records keyed by item id; read as a global table.")
        .define(TOPIC_SCORED, Type.STRING, "scored-events", Importance.HIGH,
            "Output topic of ScoredEvent records, one per accepted input event.")
        .define(TOPIC_DEAD_LETTERS, Type.STRING, "dead-letters", Importance.HIGH,
            "Output topic of rejected input records (original bytes; reason and source in headers).")
        .define(TOPIC_SNAPSHOTS, Type.STRING, "model-snapshots", Importance.HIGH,
            "Compacted output topic of model snapshots (SnapshotRecord: chunks, then a manifest) keyed "
                + "<model>/<task>/manifest and <model>/<task>/chunk/<i>.")
        .define(TOPIC_SYNC_DELTAS, Type.STRING, "sync-deltas", Importance.LOW,
            "Parameter sync: every task's round deltas, read by the merge step (one partition).")
        .define(TOPIC_SYNC_MERGED, Type.STRING, "sync-merged", Importance.LOW,
            "Parameter sync: the merged rounds, read by every instance into a global store (one partition, "
                + "compacted; rounds no task can need any more are deleted).")
        .define(SYNC_ROUND_MS, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
            "Parameter sync across tasks (docs/shared-model.md): the round length in event time, ms; 0 = off, every "
                + "task learns alone. Every task applies merged round r at the start of its round r + 1 and holds "
                + "its input until that round has been merged.")
        .define(SYNC_START_MS, Type.LONG, -1L, Range.atLeast(-1), Importance.MEDIUM,
            "Parameter sync: the event time (ms) of the first round; required with sync on. Every task takes part "
                + "in every round from this one, so that no round waits on a task that has not started; earlier "
                + "events belong to this round.")
        .define(SYNC_DENSE_EVERY_ROUNDS, Type.INT, 24, Range.atLeast(1), Importance.LOW,
            "Parameter sync: dense tensors (towers, trunk) go in every K-th round only; rows and FTRL weights in "
                + "every round.")
        .define(SYNC_CHUNK_BYTES, Type.INT, 256 * 1024, Range.between(1024, 16 * 1024 * 1024), Importance.LOW,
            "Parameter sync: deltas and merged rounds are cut into records of at most this many bytes.")
        .define(SNAPSHOT_EVERY_EVENTS, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
            "Each task snapshots every model after every this many scored events (0: never by count).")
        .define(SNAPSHOT_EVERY_MS, Type.LONG, 604_800_000L, Range.atLeast(0), Importance.MEDIUM,
            "Each task snapshots every model when its stream time (event time, never the wall clock) enters a new "
                + "interval of this length, counted from the epoch (0: never by time). Default: 7 days.")
        .define(SNAPSHOT_CHUNK_BYTES, Type.INT, 512 * 1024, Range.between(1, 16 * 1024 * 1024), Importance.LOW,
            "Largest payload chunk of a snapshot record; keep it well below the topic's max.message.bytes.")
        .define(CHECKPOINT_EVERY_EVENTS, Type.INT, ModelCore.DEFAULT_CHECKPOINT_EVERY, Range.between(1, 10_000_000), Importance.MEDIUM,
            "Each task checkpoints its models (writes their changed state, metrics and snapshot progress to the "
                + "state stores) after this many learned events, and logs every event's example in between; a "
                + "restart loads the checkpoint and learns the logged examples again. Larger: less changelog "
                + "traffic, longer restores. See docs/adr-001-checkpoint-and-example-log.md.")
        .define(WARM_START_DIR, Type.STRING, "", Importance.MEDIUM,
            "Directory written by `export` (<model>/<task>/state.bin): tasks whose model stores are empty start "
                + "from these states. Empty: no warm start from a directory.")
        .define(WARM_START_FROM_TOPIC, Type.BOOLEAN, false, Importance.MEDIUM,
            "Tasks whose model stores are empty start from the latest snapshot of the model-snapshots topic.")
        .define(PARTITIONS, Type.INT, 4, Range.atLeast(1), Importance.MEDIUM,
            "Partitions of the topics the `topics` command creates (events and users must match).")
        .define(RETENTION_MS, Type.LONG, -1L, Range.atLeast(-1), Importance.MEDIUM,
            "retention.ms of the event and output topics the `topics` command creates; -1 keeps everything. Records "
                + "carry their event time, so with time-based retention a replay of historical events would be "
                + "deleted as soon as it is written (and consumers skipped past it).")
        .define(MODELS, Type.LIST, List.of("lr", "lcwd", "deepmix"), Importance.HIGH,
            "Models to run, in the order their predictions appear in scored events: lr, lcwd, deepmix.")
        .define(RATING_MIN, Type.DOUBLE, 1.0, Importance.MEDIUM, "Smallest valid rating.")
        .define(RATING_MAX, Type.DOUBLE, 5.0, Importance.MEDIUM, "Largest valid rating.")
        .define(AUC_WINDOW, Type.INT, 10_000, Range.atLeast(10), Importance.LOW,
            "Number of most recent impressions the prequential AUC is computed over.")
        .define(METRICS_LOG_INTERVAL_MS, Type.LONG, 86_400_000L, Range.atLeast(1), Importance.LOW,
            "Stream-time interval between metric log lines (event time, never the wall clock).")
        .define(HTTP_PORT, Type.INT, 8080, Range.between(-1, 65_535), Importance.MEDIUM,
            "Port of the operations endpoint (/metrics, /health/live, /health/ready) of `run`; -1: off, 0: any "
                + "free port. The in-process `demo` serves it only when this key is set.")
        .define(LIMIT_ID_LENGTH, Type.INT, LIMITS.idLength(), Range.between(1, 1_000_000), Importance.MEDIUM,
            "Longest accepted event, user or item id, in chars; longer ones are dead-lettered as FIELD_TOO_LONG.")
        .define(LIMIT_GROUPS, Type.INT, LIMITS.groups(), Range.between(1, 1_000_000), Importance.LOW,
            "Most feature groups (categorical and numeric) in one context or profile; more: TOO_MANY_VALUES.")
        .define(LIMIT_VALUES_PER_GROUP, Type.INT, LIMITS.valuesPerGroup(), Range.between(1, 1_000_000),
            Importance.LOW, "Most values in one categorical feature group; more: TOO_MANY_VALUES.")
        .define(LIMIT_VALUE_LENGTH, Type.INT, LIMITS.valueLength(), Range.between(1, 1_000_000), Importance.LOW,
            "Longest feature-group name or categorical value, in chars; longer: FIELD_TOO_LONG.")
        .define(LIMIT_TEXT_LENGTH, Type.INT, LIMITS.textLength(), Range.between(1, 10_000_000), Importance.LOW,
            "Longest item title or user text, in chars; longer: FIELD_TOO_LONG.")
        .define(LIMIT_NUMERIC_MAGNITUDE, Type.DOUBLE, LIMITS.numericMagnitude(), Range.atLeast(Double.MIN_VALUE),
            Importance.LOW, "Largest accepted absolute value of a numeric attribute; larger: VALUE_OUT_OF_RANGE.")
        .define(REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "Confluent-compatible schema registry base URL(s), comma-separated.")
        .define(REGISTRY_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
            "Registry basic auth credentials as user:password.");

    private final Map<String, String> original;

    public StreamrecConfig(final Map<String, String> properties) {
        super(DEFINITION, properties, false);
        this.original = Map.copyOf(properties);
    }

    public Topics topics() {
        return new Topics(getString(TOPIC_IMPRESSIONS), getString(TOPIC_RATINGS), getString(TOPIC_USERS),
            getString(TOPIC_ITEMS), getString(TOPIC_SCORED), getString(TOPIC_DEAD_LETTERS), getString(TOPIC_SNAPSHOTS),
            getString(TOPIC_SYNC_DELTAS), getString(TOPIC_SYNC_MERGED), getLong(SYNC_ROUND_MS) > 0);
    }

    public List<String> models() {
        return getList(MODELS);
    }

    /**
     * The input validation rules: the configured rating range and field limits, event times from the epoch to 2100.
     */
    public ValidationConfig validation() {
        return new ValidationConfig(getDouble(RATING_MIN).floatValue(), getDouble(RATING_MAX).floatValue(), 0L,
            ValidationConfig.DEFAULT_MAX_EVENT_TIME_MILLIS, new FieldLimits(getInt(LIMIT_ID_LENGTH),
                getInt(LIMIT_GROUPS), getInt(LIMIT_VALUES_PER_GROUP), getInt(LIMIT_VALUE_LENGTH),
                getInt(LIMIT_TEXT_LENGTH), getDouble(LIMIT_NUMERIC_MAGNITUDE)));
    }

    /**
     * The configuration a model's state depends on, with effective values for the model list and the rating range:
     * what snapshots record and what export rebuilds a model from.
     */
    public Map<String, String> modelConfiguration() {
        final Map<String, String> selected = new java.util.TreeMap<>(
            dev.streamrec.snapshot.ModelConfiguration.select(original));
        selected.put(MODELS, String.join(",", models()));
        selected.put(RATING_MIN, Double.toString(getDouble(RATING_MIN)));
        selected.put(RATING_MAX, Double.toString(getDouble(RATING_MAX)));
        return selected;
    }

    /** Every property as given, for the models' own config records (which read their own prefixes). */
    public Map<String, String> modelProperties() {
        return original;
    }

    /** The pass-through Kafka client settings (bootstrap, security, ...) for producers, consumers and admin. */
    public Map<String, Object> clientProperties() {
        final Map<String, Object> props = new HashMap<>();
        original.forEach((key, value) -> {
            if (!DEFINITION.names().contains(key) && ModelFactory.PREFIXES.stream().noneMatch(key::startsWith)) {
                props.put(key, value);
            }
        });
        return props;
    }

    /**
     * Kafka Streams properties: every non-streamrec key passed through, with streamrec's defaults
     * (exactly-once v2) where the user set nothing.
     */
    public Properties streamsProperties() {
        final Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streamrec");
        props.put("processing.exception.handler.global.enabled", "true");
        // A task merges its impression and rating partitions in timestamp order. It always waits for a partition
        // with unfetched data (lag > 0), whatever this setting; a caught-up empty one (lag 0) it waits on for up to
        // this long, so that a live run interleaves the topics as a replay of them will. The cost is latency on a
        // quiet stream: an event can wait up to 2 s for the other topic (docs/deploying.md).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 2_000L);
        // Ten times Kafka Streams' 1,000 records per poll: a task reads two event partitions in timestamp order, so
        // it stops whenever either one's buffer runs dry, and each stop waited a fetch round trip
        // (docs/benchmarks-e2e.md, "Streams settings").
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // Kafka Streams pauses a partition that holds buffered.records.per.partition records and resumes it once it
        // holds fewer: at 1,000 a partition ran dry before the fetch that refills it came back, and the task waited
        // (it spun in PartitionGroup.readyToProcess, 13 % of the stream threads' samples with LR alone).
        props.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, BUFFERED_RECORDS_PER_PARTITION);
        // The example log and the checkpoints are the bulk of the changelog traffic; lz4 shrinks them on the wire and
        // on disk (the example log about five times) for little CPU.
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        // Each new batch builds an lz4 frame (6 % of the stream threads' samples at Kafka's 16 KiB batches); fewer,
        // larger batches for the example log, the checkpoints and the scored events.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, PRODUCER_BATCH_BYTES);
        props.putAll(clientProperties());
        final Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }
}
