package dev.streamrec.models.lcwd;

import dev.streamrec.models.nn.Activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamrec.optim.AdaGrad;
import dev.streamrec.optim.Adam;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LcwdConfigTest {

    @Test
    void shouldRoundTripTheDefaultsThroughProperties() {
        final LcwdConfig defaults = LcwdConfig.defaults();
        assertEquals(defaults, LcwdConfig.fromProperties(defaults.toProperties()));
        assertEquals(defaults, LcwdConfig.fromProperties(new Properties()), "missing keys take their defaults");
        assertEquals(List.of(64, 32), defaults.hiddenSizes());
        assertEquals(Activation.RELU, defaults.activation());
        assertEquals(256, defaults.batchSize());
    }

    @Test
    void shouldRoundTripEveryFieldThroughProperties() {
        final LcwdConfig config = new LcwdConfig(18, 7, List.of(128, 16, 8), Activation.TANH, "adagrad", 0.0123f,
            0.2, 0.5, 0.75, 2.5, 64, -5L, 0.3, 3.7, 0.5, 10.0, 8, 0.02f, 0.03f, 0.004f, List.of(0, 2), List.of(1, 3));
        final Properties props = config.toProperties();
        assertEquals(22, props.size(), "one key per field");
        assertEquals(config, LcwdConfig.fromProperties(props));
        assertEquals("128,16,8", props.getProperty(LcwdConfig.HIDDEN_SIZES));
        assertEquals("tanh", props.getProperty(LcwdConfig.ACTIVATION));
    }

    @Test
    void shouldParseHandWrittenProperties() {
        final Properties props = new Properties();
        props.setProperty("lcwd.hidden.sizes", " 32 , 8 ");
        props.setProperty("lcwd.activation", "Sigmoid");
        props.setProperty("lcwd.optimizer", "adam");
        props.setProperty("lcwd.deep.learning.rate", "0.05");
        props.setProperty("other.key", "ignored");
        final LcwdConfig config = LcwdConfig.fromProperties(props);
        assertEquals(List.of(32, 8), config.hiddenSizes());
        assertEquals(Activation.SIGMOID, config.activation());
        assertEquals(new Adam(0.05f, 0.9f, 0.999f, 1e-8f), config.deepOptimizer());
    }

    @Test
    void shouldBuildTheConfiguredOptimizer() {
        final LcwdConfig adagrad = LcwdConfig.fromProperties(props("lcwd.optimizer", "adagrad"));
        assertEquals(new AdaGrad(0.0005f, 0.1f, 1e-8f), adagrad.deepOptimizer());
    }

    @Test
    void shouldRejectUnknownLcwdKeys() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> LcwdConfig.fromProperties(props("lcwd.hiden.sizes", "8")));
        assertTrue(error.getMessage().contains("lcwd.hiden.sizes"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
        "lcwd.hash.bits;0", "lcwd.hash.bits;31", "lcwd.hash.bits;x",
        "lcwd.feature.groups;0",
        "lcwd.hidden.sizes;''", "lcwd.hidden.sizes;8,0", "lcwd.hidden.sizes;8,,4",
        "lcwd.activation;softmax",
        "lcwd.optimizer;rmsprop", "lcwd.deep.learning.rate;0", "lcwd.deep.learning.rate;NaN",
        "lcwd.deep.learning.rate;Infinity",
        "lcwd.wide.ftrl.alpha;0", "lcwd.wide.ftrl.beta;-1", "lcwd.wide.ftrl.l1;-0.1", "lcwd.wide.ftrl.l2;NaN",
        "lcwd.batch.size;0", "lcwd.seed;1.5", "lcwd.init.scale;0", "lcwd.rating.offset;Infinity",
        "lcwd.rating.min;5", "lcwd.rating.max;1"})
    void shouldRejectBadValuesNamingTheKey(final String key, final String value) {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> LcwdConfig.fromProperties(props(key, value)));
        assertTrue(error.getMessage().contains(key), error.getMessage());
    }

    private static Properties props(final String key, final String value) {
        final Properties props = new Properties();
        props.setProperty(key, value);
        return props;
    }
}
