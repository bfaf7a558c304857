package dev.streamrec.models.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FtrlConfigTest {
    @Test
    void shouldRoundTripThroughProperties() {
        final FtrlConfig config = new FtrlConfig(0.123456789012345, 0.5, 0.0, 3.25);
        assertEquals(config, FtrlConfig.fromProperties(config.toProperties()));
        assertEquals(FtrlConfig.defaults(), FtrlConfig.fromProperties(FtrlConfig.defaults().toProperties()));
    }

    @Test
    void shouldTakeDefaultsForAbsentKeys() {
        final FtrlConfig config = FtrlConfig.fromProperties(Map.of(FtrlConfig.L1, "2"));
        assertEquals(new FtrlConfig(FtrlConfig.DEFAULT_ALPHA, FtrlConfig.DEFAULT_BETA, 2.0, FtrlConfig.DEFAULT_L2),
            config);
    }

    @Test
    void shouldRejectInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> new FtrlConfig(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FtrlConfig(0.1, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FtrlConfig(0.1, 1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new FtrlConfig(0.1, 1, 1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> FtrlConfig.fromProperties(Map.of(FtrlConfig.ALPHA, "x")));
    }
}
