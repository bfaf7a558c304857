package dev.streamrec.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CandidateScorerTest {
    @Test
    void topKeepsTheFirstKItemsOfTheFullRanking() {
        final SplittableRandom random = new SplittableRandom(3);
        final List<String> ids = new ArrayList<>();
        final double[] scores = new double[500];
        for (int i = 0; i < scores.length; i++) {
            ids.add("item-" + random.nextInt(1_000_000) + "-" + i);
            // few distinct scores, so many ties are broken by the item id
            scores[i] = random.nextInt(20) / 20.0;
        }
        final List<Recommendations.ItemScore> all = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            all.add(new Recommendations.ItemScore(ids.get(i), scores[i]));
        }
        all.sort(CandidateScorer.RANKING);
        for (final int k : new int[] {1, 10, 499, 500, 600}) {
            assertEquals(all.subList(0, Math.min(k, all.size())), CandidateScorer.top(k, ids, scores), "k=" + k);
        }
    }

    @Test
    void topOfNoCandidatesIsEmpty() {
        assertEquals(List.of(), CandidateScorer.top(10, List.of(), new double[0]));
    }
}
