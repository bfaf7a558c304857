package dev.streamrec.query;

import java.util.List;

/**
 * The answer to a {@link RecommendationQuery}: the top items by the model's score, best first (ties by item id).
 *
 * @param modelVersion      the model's version (events learned) when the first chunk of candidates was scored
 * @param modelVersionAtEnd its version at the last chunk (the stream thread may learn between chunks)
 * @param coldStart         no profile and no interaction of the user is known to the owning task
 * @param candidates        candidates considered (before exclusion)
 * @param excluded          candidates left out because the user already interacted with them
 * @param skipped           candidates whose features did not fit (too many features)
 * @param unknownItems      requested candidates without an item profile (scored without item attributes)
 */
public record Recommendations(String user, String model, String task, long modelVersion, long modelVersionAtEnd,
                              String taskId, int partition, boolean coldStart, int candidates, int excluded,
                              int skipped, List<ItemScore> items, List<String> unknownItems) {
    /** One recommended item and its score (click probability or predicted rating). */
    public record ItemScore(String item, double score) { }
}
