package dev.streamrec.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.models.lcwd.LcwdConfig;
import dev.streamrec.models.lcwd.LcwdModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelConfigurationTest {
    private static final Map<String, String> RECORDED = Map.of("streamrec.models", "lcwd", "features.hash.bits", "14",
        "lcwd.batch.size", "8", "streamrec.rating.min", "0.5", "streamrec.rating.max", "10.0");

    @Test
    void shouldRebuildTheRecordedModelWithTheRecordedRangeAndFeaturizer() {
        final LcwdConfig config = ((LcwdModel) ModelConfiguration.modelFactory(RECORDED, List.of("lcwd")).get()
            .get(0)).config();
        assertEquals(8, config.batchSize());
        assertEquals(14, config.hashBits());
        assertEquals(List.of(0.5, 10.0), List.of(config.ratingMin(), config.ratingMax()));
    }

    @Test
    void shouldSelectOnlyTheKeysTheStateDependsOn() {
        final Map<String, String> all = new java.util.HashMap<>(RECORDED);
        all.put("streamrec.topic.ratings", "other");
        all.put("bootstrap.servers", "x:9092");
        assertEquals(RECORDED, ModelConfiguration.select(all));
    }

    @Test
    void shouldRefuseARecordedConfigurationWithAnUnknownKeyOrNoRange() {
        final Map<String, String> typo = new java.util.HashMap<>(RECORDED);
        typo.put("lcwd.batch.sizes", "8");
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> ModelConfiguration.modelFactory(typo, List.of("lcwd"))).getMessage()
            .contains("did you mean 'lcwd.batch.size'"));
        final Map<String, String> noRange = new java.util.HashMap<>(RECORDED);
        noRange.remove("streamrec.rating.max");
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> ModelConfiguration.modelFactory(noRange, List.of("lcwd"))).getMessage()
            .contains("streamrec.rating.max"));
    }
}
