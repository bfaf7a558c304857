package dev.streamrec.topology;

import dev.streamrec.schema.ScoredEvent;

/** An event scored by every model, bound for the scored-events topic. */
public record Scored(ScoredEvent event) implements Routed {
}
