package dev.streamrec.query;

import java.util.List;
import java.util.Objects;

import dev.streamrec.features.Task;
import dev.streamrec.schema.Attributes;

/**
 * A parsed {@code GET /v1/users/{user}/recommendations} request.
 *
 * @param user        the user
 * @param model       the model to rank with (null: the first configured one)
 * @param k           how many items to return
 * @param candidates  the items to rank (empty: every item of the item-profile store)
 * @param excludeSeen whether items the user already interacted with are left out
 * @param task        what the score means: the click probability or the predicted rating
 * @param at          the event time the candidates are featurized at (null: the task's stream time)
 * @param context     the event context the candidates are featurized with (empty by default)
 */
public record RecommendationQuery(String user, String model, int k, List<String> candidates, boolean excludeSeen,
                                  Task task, Long at, Attributes context) {
    public RecommendationQuery {
        Objects.requireNonNull(user, "user");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(context, "context");
    }
}
