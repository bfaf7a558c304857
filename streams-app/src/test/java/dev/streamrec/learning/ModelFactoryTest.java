package dev.streamrec.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.features.FeatureGroups;
import dev.streamrec.features.FeatureHasher;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.deepmix.DeepMixConfig;
import dev.streamrec.models.deepmix.DeepMixModel;
import dev.streamrec.models.lcwd.LcwdConfig;
import dev.streamrec.models.lcwd.LcwdModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelFactoryTest {
    private static final ValidationConfig VALIDATION = new ValidationConfig(0.5f, 10f, 0L,
        ValidationConfig.DEFAULT_MAX_EVENT_TIME_MILLIS);

    private static IllegalArgumentException startFails(final List<String> models, final Map<String, String> props) {
        return assertThrows(IllegalArgumentException.class,
            () -> ModelFactory.fromProperties(models, props, VALIDATION));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "lr.ftrl.alpah, lr.ftrl.alpha",
        "lcwd.hiden.sizes, lcwd.hidden.sizes",
        "deepmix.lerning.rate, deepmix.learning.rate",
        "features.hash.bit, features.hash.bits"})
    void shouldFailTheStartOnATypoSuggestingTheNearestKey(final String typo, final String suggestion) {
        final IllegalArgumentException e = startFails(ModelFactory.KNOWN, Map.of(typo, "1"));
        assertTrue(e.getMessage().contains("'" + typo + "'")
            && e.getMessage().contains("did you mean '" + suggestion + "'"), e.getMessage());
    }

    @Test
    void shouldFailOnATypoForAModelThatDoesNotRun() {
        final IllegalArgumentException e = startFails(List.of("lr"), Map.of("deepmix.batch.sise", "8"));
        assertTrue(e.getMessage().contains("did you mean 'deepmix.batch.size'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lcwd.rating.min, streamrec.rating.min",
        "lcwd.hash.bits, features.hash.bits",
        "deepmix.user.group, features.groups",
        "deepmix.genre.label.indices, item.genre",
        "deepmix.rating.max, streamrec.rating.max"})
    void shouldRefuseAValueTheFeaturizerOwns(final String key, final String owner) {
        final IllegalArgumentException e = startFails(ModelFactory.KNOWN, Map.of(key, "3"));
        assertTrue(e.getMessage().contains(key + " cannot be set") && e.getMessage().contains(owner), e.getMessage());
    }

    @Test
    void shouldTakeOwnedValuesFromTheFeaturizerAndTheValidator() {
        final Map<String, String> props = Map.of("features.hash.bits", "12", "deepmix.batch.size", "8",
            "lcwd.batch.size", "16");
        final List<OnlineModel> models = ModelFactory.fromProperties(ModelFactory.KNOWN, props, VALIDATION).get();
        final LcwdConfig lcwd = ((LcwdModel) models.get(1)).config();
        assertEquals(List.of(12, 13, 16), List.of(lcwd.hashBits(), lcwd.featureGroups(), lcwd.batchSize()));
        assertEquals(List.of(0.5, 10.0), List.of(lcwd.ratingMin(), lcwd.ratingMax()));
        final DeepMixConfig deepmix = ((DeepMixModel) models.get(2)).config();
        final FeatureConfig features = FeatureConfig.fromProperties(props);
        final FeatureGroups groups = FeatureGroups.of(features);
        assertEquals(12, deepmix.hashBits());
        assertEquals(8, deepmix.batchSize());
        assertEquals(groups.size(), deepmix.categoricalGroups());
        assertEquals(groups.id("user"), deepmix.userGroup());
        assertEquals(List.of(groups.id("item"), groups.id("item.year"), groups.id("item.title")),
            deepmix.itemGroups());
        assertEquals(groups.id("item.genre"), deepmix.genreGroup());
        assertEquals(FeatureHasher.of(features).index("item.genre", "Drama"),
            deepmix.genreLabelIndices().get(deepmix.genreLabels().indexOf("Drama")));
        assertEquals(List.of(0.5, 10.0), List.of(deepmix.ratingMin(), deepmix.ratingMax()));
    }
}
