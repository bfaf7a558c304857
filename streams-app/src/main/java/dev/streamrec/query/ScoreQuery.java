package dev.streamrec.query;

import java.util.List;
import java.util.Objects;

import dev.streamrec.features.Task;
import dev.streamrec.schema.Attributes;

/**
 * A parsed {@code POST /v1/score} request: pairs to score, with every live model or one.
 *
 * @param model null for every model, else the one to score with
 * @param pairs what to score, in the order of the answer
 */
public record ScoreQuery(String model, List<Pair> pairs) {
    /** One user-item pair; {@code at} null means the owning task's stream time. */
    public record Pair(String user, String item, Task task, Long at, Attributes context) {
        public Pair {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(context, "context");
        }
    }

    public ScoreQuery {
        pairs = List.copyOf(pairs);
    }
}
