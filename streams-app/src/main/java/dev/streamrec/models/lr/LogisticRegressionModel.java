package dev.streamrec.models.lr;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.LinearWeights;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.FtrlCoordinates;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.optim.FtrlProximal;

/**
 * The {@code lr} model: one {@link FtrlProximal} head per task over the hashed categorical features.
 * <ul>
 *   <li>{@link Task#CLICK}: {@code p = sigmoid(w . x)}, logistic loss, so the margin gradient is {@code p - y};</li>
 *   <li>{@link Task#RATING}: {@code r = clamp(w . x + mu, minRating, maxRating)} where {@code mu} is the running mean
 *       of the ratings learned so far; squared loss {@code (w . x + mu - y)^2 / 2} on the unclamped prediction, so
 *       the margin gradient is {@code w . x + mu - y}.</li>
 * </ul>
 * The raw numeric features are not used: the featurizer already gives their log2 buckets as categorical features.
 *
 * <p>Persisted state ({@link ModelState}): the two heads' coordinates as {@link FtrlCoordinates} parts {@code click}
 * and {@code rating}, and the part {@code meta}: learned events (long), ratings seen (long), rating mean (double).
 *
 * <p>{@link #predict} never changes the model; {@link #predict} and {@link #learn} allocate nothing. Not thread-safe.
 */
public final class LogisticRegressionModel implements OnlineModel, LinearWeights {
    public static final String NAME = "lr";
    /** sigmoid(+-35) is within 1e-15 of 0 or 1; clamping keeps exp() finite. */
    private static final double MAX_MARGIN = 35.0;

    private final FtrlProximal click;
    private final FtrlProximal rating;
    private final double minRating;
    private final double maxRating;
    private long learned;
    private long ratingsSeen;
    private double ratingMean;
    private final FtrlCoordinates clickState;
    private final FtrlCoordinates ratingState;
    private final ModelState state = new ModelState(NAME);

    /**
     * @param ftrl      hyper-parameters of both heads
     * @param hashBits  size of the hashed feature space, as in {@code FeatureConfig#hashBits()}
     * @param minRating lowest valid rating (e.g. 1)
     * @param maxRating highest valid rating (e.g. 5)
     */
    public LogisticRegressionModel(final FtrlConfig ftrl, final int hashBits, final double minRating,
                                   final double maxRating) {
        if (!(minRating < maxRating) || !Double.isFinite(minRating) || !Double.isFinite(maxRating)) {
            throw new IllegalArgumentException("need finite minRating < maxRating, got " + minRating + ", "
                + maxRating);
        }
        this.click = new FtrlProximal(ftrl.alpha(), ftrl.beta(), ftrl.l1(), ftrl.l2(), hashBits);
        this.rating = new FtrlProximal(ftrl.alpha(), ftrl.beta(), ftrl.l1(), ftrl.l2(), hashBits);
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.clickState = state.register("click", new FtrlCoordinates(click));
        this.ratingState = state.register("rating", new FtrlCoordinates(rating));
        state.register("meta", Persisted.single(out -> {
            out.writeLong(learned);
            out.writeLong(ratingsSeen);
            out.writeDouble(ratingMean);
        }, in -> {
            learned = in.readLong();
            ratingsSeen = in.readLong();
            ratingMean = in.readDouble();
        }));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long version() {
        return learned;
    }

    /** Running mean of the ratings learned so far (0 before the first). */
    public double ratingMean() {
        return ratingMean;
    }

    @Override
    public double predict(final Example example) {
        final SparseFeatures x = example.categorical();
        return switch (example.task()) {
            case CLICK -> sigmoid(click.dot(x));
            case RATING -> clampRating(rating.dot(x) + ratingMean);
        };
    }

    @Override
    public void learn(final Example example) {
        final SparseFeatures x = example.categorical();
        final double y = example.label();
        switch (example.task()) {
            case CLICK -> {
                if (!(y >= 0.0 && y <= 1.0)) {
                    throw new IllegalArgumentException("click label must be in [0, 1], got " + y);
                }
                click.update(x, sigmoid(click.dot(x)) - y);
            }
            case RATING -> {
                if (!Double.isFinite(y)) {
                    throw new IllegalArgumentException("rating label must be finite, got " + y);
                }
                rating.update(x, rating.dot(x) + ratingMean - y);
                ratingsSeen++;
                ratingMean += (y - ratingMean) / ratingsSeen;
            }
        }
        learned++;
    }

    @Override
    public double weight(final Task task, final int index) {
        return head(task).weight(index);
    }

    /** The FTRL head of {@code task} (read access for LC-W&D and tests). */
    public FtrlProximal head(final Task task) {
        return task == Task.CLICK ? click : rating;
    }

    @Override
    public long parameterCount() {
        return click.touchedCount() + rating.touchedCount() + 1; // + the rating mean
    }

    @Override
    public void drainChanges(final ParameterSink sink) {
        state.drainChanges(sink);
    }

    @Override
    public void exportTensors(final TensorSink sink) {
        clickState.exportTensors(sink, "click");
        ratingState.exportTensors(sink, "rating");
        sink.dense("rating.mean", new int[] {1}, new double[] {ratingMean});
    }

    @Override
    public ModelState modelState() {
        return state;
    }

    @Override
    public void restore(final byte[] key, final byte[] value) {
        state.restore(key, value);
    }

    private double clampRating(final double r) {
        return Math.max(minRating, Math.min(maxRating, r));
    }

    static double sigmoid(final double margin) {
        final double m = Math.max(-MAX_MARGIN, Math.min(MAX_MARGIN, margin));
        return 1.0 / (1.0 + Math.exp(-m));
    }
}
