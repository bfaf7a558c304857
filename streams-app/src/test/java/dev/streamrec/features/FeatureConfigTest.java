package dev.streamrec.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureConfigTest {
    @Test
    void shouldRoundTripThroughProperties() {
        final FeatureConfig config = new FeatureConfig(16, -7, 64, List.of("user", "item", "item.genre", "other"),
            List.of(new FeatureConfig.Cross("user", "item.genre"), new FeatureConfig.Cross("item", "ctx.device")));
        assertEquals(config, FeatureConfig.fromProperties(config.toProperties()));
        assertEquals(FeatureConfig.defaults(), FeatureConfig.fromProperties(FeatureConfig.defaults().toProperties()));
    }

    @Test
    void shouldUseDefaultsForAbsentKeys() {
        final FeatureConfig config = FeatureConfig.fromProperties(Map.of(FeatureConfig.HASH_BITS, "12"));
        assertEquals(12, config.hashBits());
        assertEquals(42, config.seed());
        assertEquals(256, config.maxFeatures());
        assertEquals(FeatureConfig.DEFAULT_GROUPS, config.groups());
        assertEquals(List.of(new FeatureConfig.Cross("user", "item.genre")), config.crosses());
        assertEquals(1 << 12, config.dimension());
    }

    @Test
    void shouldAllowAnEmptyCrossList() {
        final FeatureConfig config = FeatureConfig.fromProperties(Map.of(FeatureConfig.CROSSES, ""));
        assertEquals(List.of(), config.crosses());
        assertEquals(config, FeatureConfig.fromProperties(config.toProperties()));
    }

    @Test
    void shouldRejectInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.fromProperties(
            Map.of(FeatureConfig.HASH_BITS, "7")));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.fromProperties(
            Map.of(FeatureConfig.HASH_BITS, "31")));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.fromProperties(
            Map.of(FeatureConfig.MAX_PER_EVENT, "0")));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.fromProperties(
            Map.of(FeatureConfig.GROUPS, "user,user")));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.fromProperties(
            Map.of(FeatureConfig.CROSSES, "user")));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.fromProperties(
            Map.of(FeatureConfig.SEED, "forty-two")));
    }
}
