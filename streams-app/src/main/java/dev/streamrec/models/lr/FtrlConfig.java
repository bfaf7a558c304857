package dev.streamrec.models.lr;

import dev.streamrec.config.SettingType;
import dev.streamrec.config.SettingValues;
import dev.streamrec.config.SettingsDef;
import dev.streamrec.config.Validator;
import java.util.Map;

/**
 * Hyper-parameters of FTRL-Proximal (McMahan et al. 2013, Algorithm 1): per-coordinate learning rate
 * {@code alpha / (beta + sqrt(n_i))}, L1 strength {@code l1} (lambda_1) and L2 strength {@code l2} (lambda_2).
 *
 * <p>The {@code lr.*} keys are declared once in {@link #DEFINITION}; how the defaults were chosen is in
 * {@code docs/model-tuning.md}.
 *
 * @param alpha learning-rate scale, finite and {@code > 0}
 * @param beta  learning-rate smoothing, finite and {@code >= 0}
 * @param l1    L1 regularisation, finite and {@code >= 0}; weights stay exactly 0 while {@code |z_i| <= l1}
 * @param l2    L2 regularisation, finite and {@code >= 0}
 */
public record FtrlConfig(double alpha, double beta, double l1, double l2) {
    public static final double DEFAULT_ALPHA = 0.2;
    public static final double DEFAULT_BETA = 1.0;
    public static final double DEFAULT_L1 = 0.1;
    public static final double DEFAULT_L2 = 1.0;

    /** Every {@code lr.*} setting. */
    public static final SettingsDef<FtrlConfig> DEFINITION = new SettingsDef<>("lr.", "logistic regression (FTRL)");
    public static final String ALPHA = DEFINITION.define("lr.ftrl.alpha", SettingType.DOUBLE, DEFAULT_ALPHA,
        Validator.above(0), "FTRL-Proximal learning-rate scale alpha: coordinate i steps alpha / (beta + sqrt(n_i)).",
        FtrlConfig::alpha);
    public static final String BETA = DEFINITION.define("lr.ftrl.beta", SettingType.DOUBLE, DEFAULT_BETA,
        Validator.atLeast(0), "FTRL-Proximal learning-rate smoothing beta.", FtrlConfig::beta);
    public static final String L1 = DEFINITION.define("lr.ftrl.l1", SettingType.DOUBLE, DEFAULT_L1,
        Validator.atLeast(0), "L1 strength lambda_1: a weight stays exactly 0 while |z_i| <= l1.", FtrlConfig::l1);
    public static final String L2 = DEFINITION.define("lr.ftrl.l2", SettingType.DOUBLE, DEFAULT_L2,
        Validator.atLeast(0), "L2 strength lambda_2.", FtrlConfig::l2);

    public FtrlConfig {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException(ALPHA + " must be positive and finite, got " + alpha);
        }
        requireNonNegative(BETA, beta);
        requireNonNegative(L1, l1);
        requireNonNegative(L2, l2);
    }

    public static FtrlConfig defaults() {
        return new FtrlConfig(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_L1, DEFAULT_L2);
    }

    /** Reads the {@code lr.*} keys; absent keys take their defaults, unknown {@code lr.*} keys are rejected. */
    public static FtrlConfig fromProperties(final Map<String, String> props) {
        return fromValues(DEFINITION.parse(props));
    }

    /** The config of parsed {@link #DEFINITION} values. */
    public static FtrlConfig fromValues(final SettingValues v) {
        return new FtrlConfig(v.getDouble(ALPHA), v.getDouble(BETA), v.getDouble(L1), v.getDouble(L2));
    }

    /** The {@code lr.*} keys, which {@link #fromProperties} reads back into an equal config. */
    public Map<String, String> toProperties() {
        return DEFINITION.render(this);
    }

    private static void requireNonNegative(final String key, final double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " must be >= 0 and finite, got " + v);
        }
    }
}
