package dev.streamrec.models.deepmix;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepMixConfigTest {
    @Test
    void shouldHaveThePaperDefaults() {
        final DeepMixConfig c = DeepMixConfig.defaults();
        assertEquals(16, c.embeddingDim());
        assertEquals(List.of(128, 64), c.hiddenSizes());
        assertEquals(4, c.experts());
        assertEquals(32, c.rank());
        assertEquals(2, c.crossLayers());
        assertEquals(32, c.batchSize()); // measured on ML-100k, see DeepMixConfig
        assertEquals(0.003f, c.learningRate());
        assertEquals(0.05f, c.embeddingLearningRate());
        assertEquals(5.0, c.numericClip());
        assertEquals(-1, c.genreGroup(), "unwired until ModelFactory names the featurizer's genre group");
        assertEquals(DeepMixConfig.Wiring.STACKED, c.wiring());
        assertEquals(DeepMixConfig.DnnKind.PLAIN, c.dnnKind());
        assertEquals(18, c.genreLabels().size());
    }

    @Test
    void shouldRoundTripThroughProperties() {
        final DeepMixConfig c = DeepMixConfig.defaults().with("deepmix.wiring", "parallel")
            .with("deepmix.dnn.kind", "residual").with("deepmix.dnn.hidden", "64,32,16")
            .with("deepmix.optimizer", "adagrad").with("deepmix.learning.rate", "0.05")
            .with("deepmix.item.vectors.npy", "/tmp/v.npy", "deepmix.item.vectors.ids", "/tmp/ids.txt")
            .with("deepmix.genre.labels", "x,y").with("deepmix.seed", "-3").with("deepmix.rating.min", "0.5")
            .with("deepmix.double.precision", "true").with("deepmix.item.groups", "1,2,3")
            .with("deepmix.genre.group", "4", "deepmix.genre.label.indices", "17,99", "deepmix.genre.every", "7")
            .with("deepmix.numeric.clip", "3.5", "deepmix.embedding.learning.rate", "0.02");
        assertEquals(c, DeepMixConfig.fromProperties(c.toProperties()));
        assertEquals(DeepMixConfig.defaults(), DeepMixConfig.fromProperties(DeepMixConfig.defaults().toProperties()));
        assertTrue(c.toProperties().stringPropertyNames().stream().allMatch(k -> k.startsWith("deepmix.")));
    }

    @Test
    void shouldRejectInvalidValuesNamingTheKey() {
        final Properties p = new Properties();
        p.setProperty("deepmix.cross.experts", "0");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeepMixConfig.fromProperties(p))
            .getMessage().contains("deepmix.cross.experts"));
        assertThrows(IllegalArgumentException.class,
            () -> DeepMixConfig.defaults().with("deepmix.optimizer", "rmsprop"));
        assertThrows(IllegalArgumentException.class, () -> DeepMixConfig.defaults().with("deepmix.item.groups", "9"));
        assertThrows(IllegalArgumentException.class,
            () -> DeepMixConfig.defaults().with("deepmix.item.vectors.npy", "/tmp/only.npy"));
        assertThrows(IllegalArgumentException.class, () -> DeepMixConfig.defaults().with("deepmix.rating.max", "0"));
        for (final String history : new String[] {"deepmix.factor.history", "deepmix.factor.item.history"}) {
            assertThrows(IllegalArgumentException.class, () -> DeepMixConfig.defaults().with(history, "-1"));
            assertThrows(IllegalArgumentException.class, () -> DeepMixConfig.defaults().with(history, "10001"));
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> DeepMixConfig.defaults().with(history, "10000"));
        }
    }
}
