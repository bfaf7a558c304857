package dev.streamrec.query;

import java.util.List;

/**
 * The scores of one user-item pair of a {@link ScoreQuery}, by every requested model, and who answered.
 *
 * @param coldStart no profile and no interaction of the user is known to the owning task
 * @param knownItem whether the item has a profile (else it is scored without item attributes)
 */
public record PairScores(String user, String item, String task, List<ModelScore> scores, String taskId,
                         int partition, boolean coldStart, boolean knownItem) {
    /** One model's prediction and the model version (events learned) that gave it. */
    public record ModelScore(String model, long version, double score) { }
}
