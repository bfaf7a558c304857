package dev.streamrec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {
    @Test
    void shouldCountInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, KeySuggestion.distance("lcwd.seed", "lcwd.seed"));
        assertEquals(1, KeySuggestion.distance("lcwd.hiden.sizes", "lcwd.hidden.sizes"));
        assertEquals(2, KeySuggestion.distance("lr.ftrl.alpah", "lr.ftrl.alpha"));
        assertEquals(3, KeySuggestion.distance("kitten", "sitting"));
        assertEquals(5, KeySuggestion.distance("", "abcde"));
    }

    @Test
    void shouldSuggestTheNearestKeyAndNothingFarAway() {
        final List<String> keys = List.of("deepmix.learning.rate", "deepmix.batch.size", "deepmix.seed");
        assertEquals(Optional.of("deepmix.learning.rate"), KeySuggestion.nearest("deepmix.lerning.rate", keys));
        assertEquals(Optional.of("deepmix.batch.size"), KeySuggestion.nearest("deepmix.batchsize", keys));
        assertEquals(Optional.empty(), KeySuggestion.nearest("deepmix.completely.different.thing", keys));
    }
}
