package dev.streamrec.topology;

import dev.streamrec.events.EventValidator;
import dev.streamrec.events.Validation;
import dev.streamrec.schema.EventType;
import dev.streamrec.schema.ImpressionEvent;
import dev.streamrec.schema.RatingEvent;

/** How each input event type is validated and brought into the common {@link DecodedEvent} shape. */
final class EventReaders {
    private EventReaders() {
    }

    static EventDecoder.EventReader<ImpressionEvent> impressions(final EventValidator validator) {
        return new EventDecoder.EventReader<>() {
            @Override
            public Validation validate(final String key, final ImpressionEvent value) {
                return validator.validate(key, value);
            }

            @Override
            public DecodedEvent toEvent(final ImpressionEvent e, final byte[] rawKey, final byte[] rawValue) {
                return new DecodedEvent(EventType.IMPRESSION, e.getEventId(), e.getUserId(), e.getItemId(),
                    e.getEventTime().toEpochMilli(), e.getClicked() ? 1.0 : 0.0, e.getContext(), rawKey, rawValue);
            }
        };
    }

    static EventDecoder.EventReader<RatingEvent> ratings(final EventValidator validator) {
        return new EventDecoder.EventReader<>() {
            @Override
            public Validation validate(final String key, final RatingEvent value) {
                return validator.validate(key, value);
            }

            @Override
            public DecodedEvent toEvent(final RatingEvent e, final byte[] rawKey, final byte[] rawValue) {
                return new DecodedEvent(EventType.RATING, e.getEventId(), e.getUserId(), e.getItemId(),
                    e.getEventTime().toEpochMilli(), e.getRating(), e.getContext(), rawKey, rawValue);
            }
        };
    }
}
