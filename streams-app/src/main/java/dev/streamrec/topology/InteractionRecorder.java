package dev.streamrec.topology;

import dev.streamrec.schema.ScoredEvent;
import dev.streamrec.state.UserInteractionsStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Records, for live queries, which items each user interacted with: every scored event (an impression shown or a
 * rating given) puts its (user, item) into {@link UserInteractionsStore}. Reads only what the scoring processor
 * forwards and forwards nothing, so it changes no model and no output topic.
 */
final class InteractionRecorder implements Processor<String, Routed, Void, Void> {
    private UserInteractionsStore interactions;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.interactions = UserInteractionsStore.lookup(context);
    }

    @Override
    public void process(final Record<String, Routed> record) {
        if (record.value() instanceof Scored scored) {
            final ScoredEvent event = scored.event();
            interactions.record(event.getUserId(), event.getItemId(), record.timestamp());
        }
    }
}
