package dev.streamrec.topology;

import dev.streamrec.metrics.DeadLetterCounter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exit of every rejected record: writes its original key and value bytes with the reason, detail and
 * source coordinates as headers, counts it per reason, and logs it (rate-limited by doubling).
 */
final class DeadLetterWriter implements Processor<String, Routed, byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private ProcessorContext<byte[], byte[]> context;
    private DeadLetterCounter counter;
    private long nextLogAt = 1;

    @Override
    public void init(final ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.counter = new DeadLetterCounter(context.metrics(), context.taskId().toString());
    }

    @Override
    public void process(final Record<String, Routed> record) {
        if (!(record.value() instanceof Rejection rejection)) {
            throw new IllegalStateException("dead-letter route received " + record.value().getClass().getSimpleName());
        }
        counter.count(rejection.reason().name());
        if (counter.total() >= nextLogAt) {
            nextLogAt *= 2;
            LOG.warn("dead-lettered {} from {}-{}@{}: {} (task total {})", rejection.reason(), rejection.sourceTopic(),
                rejection.sourcePartition(), rejection.sourceOffset(), rejection.detail(), counter.total());
        }
        context.forward(new Record<>(rejection.key(), rejection.value(), record.timestamp(), rejection.headers()));
    }

    @Override
    public void close() {
        if (counter != null) {
            counter.close();
        }
    }
}
