package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.features.Task;
import dev.streamrec.models.ItemClassifier;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.nn.Losses;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.models.params.PendingBatch;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;

/**
 * DeepMix (Li, Yun and Wu: Embedding, Stacking, DNN, CrossNetMix, Scoring) learned online with mini-batches.
 *
 * <p>One shared trunk (embeddings + DNN + CrossNetMix) scores CLICK and RATING events through a two-logit scoring
 * layer: logit 0 is the click probability's logit (log loss), logit 1 the rating's offset from the running global
 * mean rating (squared loss on the unclamped value; predictions are clamped into the rating range). The genre head
 * ({@link #predictGenres}, {@link #learnItem}) has its own tower over the shared embedding tables. Wired to the event
 * stream ({@code deepmix.genre.group}), an event whose item carries labels also trains the genre head on the item
 * when the item's count of learned events (this one included) is a multiple of {@code deepmix.genre.every} = k:
 * first at its k-th event, when its interaction-history input already holds k-1 users, then with a longer history
 * at every k-th. That count is persisted state, so a restarted or replayed model learns the same items at the same
 * events. The genre logits include the {@link ItemAudience} part (the item's users, {@code deepmix.genre.audience}).
 *
 * <p>{@link #learn} buffers a copy of the event; every {@code batchSize} events one forward/backward pass runs over
 * the batch in ND4J, then the optimiser updates the dense tensors and, lazily, the embedding rows the batch touched.
 * {@link #predict} never mutates. Everything is seeded from the configuration and runs in a fixed order, so a
 * replayed stream gives bit-identical results. Not thread-safe.
 */
public final class DeepMixModel implements OnlineModel, ItemClassifier {
    /** The model's name in scored events and store names. */
    public static final String NAME = "deepmix";

    private final DeepMixConfig config;
    private final Optimizer optimizer;
    private final EmbeddingTables tables;
    private final NumericStandardizer numerics;
    private final ItemHistories histories;
    private final InputStacker stacker;
    private final DeepMixNetwork trunk;
    private final GenreHead genre;
    private final WidePart wide;
    private final FactorPart factors;
    private final LabelThresholds thresholds;
    private final ItemAudience audience;
    private final PendingBatch<Example> pending;
    private final ModelState state = new ModelState(NAME);
    private final float[] userScratch;
    private final TrunkScorer scorer;
    private long version;
    private long ratingCount;
    private double ratingMean;
    private long itemsLearned;

    /** A model with the item vectors named by the configuration (or none). */
    public DeepMixModel(final DeepMixConfig config) {
        this(config, config.itemVectorsNpy().isEmpty() ? ItemVectors.none()
            : ItemVectors.load(Path.of(config.itemVectorsNpy()), Path.of(config.itemVectorIds())));
    }

    /** A model with the given item vectors (their width is part of the input layout). */
    public DeepMixModel(final DeepMixConfig config, final ItemVectors vectors) {
        this.config = config;
        this.optimizer = config.newOptimizer();
        final DataType dtype = config.doublePrecision() ? DataType.DOUBLE : DataType.FLOAT;
        this.tables = new EmbeddingTables(config.embeddingDim(), config.seed() + 2, config.newEmbeddingOptimizer());
        this.numerics = new NumericStandardizer(config.numericGroups(), config.numericClip());
        this.histories = new ItemHistories(config.embeddingDim());
        this.stacker = new InputStacker(config, tables, numerics, vectors, histories);
        this.trunk = new DeepMixNetwork(stacker.eventDim(), 2, config, dtype, config.seed(), "trunk");
        this.audience = config.genreAudience() > 0 ? new ItemAudience(config.genreLabels().size(),
            config.genreAudience(), config.genreAudienceProfile(), config.genreAudienceUsers(),
            config.genreAudiencePrior(), config.genreAudienceLearningRate()) : null;
        this.genre = new GenreHead(config, stacker, tables, dtype, audience);
        this.wide = new WidePart(config);
        this.factors = new FactorPart(config);
        this.thresholds = new LabelThresholds(config.genreLabels().size());
        this.pending = new PendingBatch<>(config.batchSize(), PendingBatch.EXAMPLES);
        this.userScratch = new float[config.embeddingDim()];
        this.scorer = new TrunkScorer(stacker, trunk, 2);
        registerState();
    }

    /**
     * The persisted parts ({@link ModelState}): {@code meta} (counters and both networks' step counts),
     * {@code numeric} (standardiser moments), {@code embedding} (rows), {@code trunk} and {@code genre} (dense
     * tensors with optimiser slots), {@code histories}, {@code pending} and {@code genre.pending} (the mini-batches
     * being filled), {@code thresholds}, when the first-order part is on, {@code wide.click} and
     * {@code wide.rating}, and when the audience part is on, {@code genre.audience*} ({@link ItemAudience}).
     */
    private void registerState() {
        state.register("meta", Persisted.single(out -> {
            out.writeLong(version);
            out.writeLong(ratingCount);
            out.writeDouble(ratingMean);
            out.writeLong(itemsLearned);
            out.writeLong(trunk.params().steps());
            out.writeLong(genre.network().params().steps());
        }, in -> {
            version = in.readLong();
            ratingCount = in.readLong();
            ratingMean = in.readDouble();
            itemsLearned = in.readLong();
            trunk.params().setSteps(in.readLong());
            genre.network().params().setSteps(in.readLong());
        }));
        state.register("numeric", numerics.persisted());
        state.register("embedding", tables.rows());
        state.register("trunk", trunk.params().state());
        state.register("genre", genre.network().params().state());
        state.register("histories", histories);
        state.register("pending", pending);
        state.register("genre.pending", genre.pending());
        state.register("thresholds", thresholds.persisted());
        wide.register(state);
        factors.register(state);
        if (audience != null) {
            audience.register(state);
        }
    }

    public DeepMixConfig config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long version() {
        return version;
    }

    /** The click probability (CLICK) or the rating clamped into the rating range (RATING). */
    @Override
    public double predict(final Example example) {
        return prediction(example, score(example));
    }

    /**
     * {@link #predict} for many examples, {@value TrunkScorer#CHUNK} at a time through the trunk's batched row pass
     * ({@link TrunkScorer}): bit-identical to predicting them one by one.
     */
    @Override
    public void predictAll(final List<Example> examples, final double[] out) {
        for (int from = 0; from < examples.size(); from += TrunkScorer.CHUNK) {
            final int n = Math.min(TrunkScorer.CHUNK, examples.size() - from);
            final float[][] z = scorer.logits(examples, from, n);
            for (int e = 0; e < n; e++) {
                final Example example = examples.get(from + e);
                out[from + e] = prediction(example, joint(example, z[e]));
            }
        }
    }

    private double prediction(final Example example, final double z) {
        if (example.task() == Task.CLICK) {
            return Losses.sigmoid(z);
        }
        return Math.min(config.ratingMax(), Math.max(config.ratingMin(), z));
    }

    /** The unclamped joint score: the click logit, or the rating; first-order part + deep part (+ mean rating). */
    private double score(final Example example) {
        return joint(example, scorer.logits(example));
    }

    private double joint(final Example example, final float[] z) {
        final double first = shallow(example);
        return example.task() == Task.CLICK ? first + z[0] : ratingOffset() + first + z[1];
    }

    @Override
    public void learn(final Example example) {
        final boolean learnItem = learnsItem(example);
        version++;
        final SparseFeatures num = example.numeric();
        for (int i = 0; i < num.size(); i++) {
            numerics.update(num.index(i), num.value(i));
        }
        if (wide.enabled() || factors.enabled()) {
            learnShallow(example);
        }
        factors.record(example);
        if (example.task() == Task.RATING) {
            ratingCount++;
            ratingMean += (example.label() - ratingMean) / ratingCount;
        }
        if (learnItem && config.genreThresholds() && !knowsItemLabels(example)) {
            // the item's first labelled step: its cold prediction, with the inputs it is measured with, moves the
            // per-label thresholds (before the labels are learned)
            final ItemExample item = itemExample(example);
            thresholds.record(genre.predict(item, example.userId()), item);
        }
        final boolean labelsKnown = learnItem || knowsItemLabels(example);
        java.util.Arrays.fill(userScratch, 0f);
        if (stacker.userVector(example, userScratch, 0)) {
            histories.add(example.itemId(), userScratch, 0);
        }
        if (learnItem) {
            itemsLearned++;
            genre.learn(itemExample(example), example.userId());
        } else if (labelsKnown && audience != null && config.genreAudienceEveryEvent() && hasLabels(example)) {
            audience.learn(example.itemId(), example.userId(), itemExample(example));
        }
        if (audience != null && config.genreGroup() >= 0) {
            audience.record(example.itemId(), example.userId(), labelsKnown ? itemExample(example) : null,
                labelsKnown);
        }
        pending.add(example.copy());
        if (pending.isFull()) {
            lossAndGradients(pending.items(), true);
            tables.applyGradients();
            trunk.params().step(optimizer);
            pending.clear();
        }
    }

    /**
     * The per-event steps, before the rating mean moves: the first-order part, then the factorization part on the
     * residual the first step left (block coordinate descent, so the two do not overshoot together). With
     * {@code deepmix.shallow.own.score} (default) both learn on the shallow score alone (mean rating + first-order +
     * factorization), the deep part on the joint score: the shallow parts never chase the deep part, which on the
     * joint score let the two grow in opposite directions until the rating head diverged (docs/model-quality.md).
     */
    private void learnShallow(final Example example) {
        final Task task = example.task();
        final SparseFeatures x = example.categorical();
        final double z = config.shallowOwnScore() ? shallowScore(example) : score(example);
        final double wideBefore = wide.dot(task, x);
        wide.update(task, x, dLdz(example, z));
        final double zAfter = z - wideBefore + wide.dot(task, x);
        factors.update(task, x, example, dLdz(example, zAfter), zAfter);
    }

    @Override
    public boolean learnsItem(final Example example) {
        if (config.genreGroup() < 0 || !hasLabels(example)) {
            return false;
        }
        return (histories.count(example.itemId()) + 1) % config.genreEvery() == 0;
    }

    @Override
    public boolean knowsItemLabels(final Example example) {
        return config.genreGroup() >= 0 && histories.count(example.itemId()) >= config.genreEvery();
    }

    @Override
    public List<String> labelNames() {
        return config.genreLabels();
    }

    @Override
    public ItemPrediction predictItem(final Example example) {
        if (config.genreGroup() < 0 || !hasLabels(example)) {
            return null;
        }
        final ItemExample item = itemExample(example);
        final double[] p = genre.predict(item, example.userId());
        return new ItemPrediction(item.itemId(), config.genreThresholds() ? thresholds.decisionScores(p) : p,
            item.labels());
    }

    private boolean hasLabels(final Example example) {
        return ItemExample.hasLabels(example, config);
    }

    /** The genre head's view of an event's item ({@link ItemExample#of}). */
    ItemExample itemExample(final Example example) {
        return ItemExample.of(example, config);
    }

    /** Label probabilities of the genre head, in the order of {@code deepmix.genre.labels}. */
    public double[] predictGenres(final ItemExample item) {
        return genre.predict(item, null);
    }

    /** Buffers the item for the genre head; trains it every {@code deepmix.item.batch.size} items. */
    public void learnItem(final ItemExample item) {
        itemsLearned++;
        genre.learn(item);
    }

    /** Touched embedding rows times their width, plus the dense sizes of trunk and genre tower. */
    @Override
    public long parameterCount() {
        return (long) tables.rowCount() * tables.dim() + trunk.params().effectiveSize()
            + genre.network().params().effectiveSize() + wide.size() + factors.size()
            + (audience == null ? 0 : audience.size());
    }

    /**
     * The embedding rows ({@code embedding}, keyed by {@code group << 32 | index}), the trunk's dense tensors
     * ({@code trunk.*}) and the genre head's ({@code genre.*}), each with its optimiser slots. Item histories,
     * standardiser moments and pending examples stay in the persisted state only.
     */
    @Override
    public void exportTensors(final dev.streamrec.models.TensorSink sink) {
        tables.exportTensors(sink, "embedding");
        trunk.params().exportTensors(sink, "trunk");
        genre.network().params().exportTensors(sink, "genre");
        wide.exportTensors(sink);
        factors.exportTensors(sink);
        if (audience != null) {
            audience.exportTensors(sink);
        }
    }

    @Override
    public void drainChanges(final ParameterSink sink) {
        state.drainChanges(sink);
    }

    /**
     * Writes the complete persisted state, every entry, as {@link #drainChanges} into an empty store would (for a
     * fresh store, a compaction, or a golden file), then forgets the changes.
     */
    public void snapshot(final ParameterSink sink) {
        state.snapshot(sink);
    }

    @Override
    public ModelState modelState() {
        return state;
    }

    @Override
    public void restore(final byte[] key, final byte[] value) {
        state.restore(key, value);
    }

    /**
     * Mean loss of an event batch on the joint score, first-order part included (log loss on CLICK rows, half
     * squared error on RATING rows); with
     * {@code backward} it writes the dense gradients and accumulates the embedding-row gradients (not applied).
     */
    double lossAndGradients(final List<Example> batch, final boolean backward) {
        final int n = batch.size();
        final int d = stacker.eventDim();
        final float[] x0 = new float[n * d];
        for (int i = 0; i < n; i++) {
            stacker.stackEvent(batch.get(i), x0, i * d);
        }
        final INDArray logits = trunk.forward(trunk.inputs(x0, n), backward);
        final double[] z = DeepMixNetwork.doubles(logits);
        final float[] dz = new float[n * 2];
        final double offset = ratingOffset();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            final Example e = batch.get(i);
            final double first = shallow(e);
            if (e.task() == Task.CLICK) {
                loss += Losses.logLoss(first + z[2 * i], e.label());
                dz[2 * i] = (float) ((Losses.sigmoid(first + z[2 * i]) - e.label()) / n);
            } else {
                final double err = offset + first + z[2 * i + 1] - e.label();
                loss += 0.5 * err * err;
                dz[2 * i + 1] = (float) (err / n);
            }
        }
        if (backward) {
            final float[] dx = DeepMixNetwork.floats(trunk.backward(trunk.logitGradients(dz, n)));
            for (int i = 0; i < n; i++) {
                stacker.backpropEvent(batch.get(i), dx, i * d);
            }
        }
        return loss / n;
    }

    /** dL/dz of log loss (CLICK) or half squared error (RATING) at the unclamped joint score {@code z}. */
    private static double dLdz(final Example example, final double z) {
        return example.task() == Task.CLICK ? Losses.sigmoid(z) - example.label() : z - example.label();
    }

    /** The per-event (shallow) parts of the joint score: first-order {@link WidePart} + {@link FactorPart}. */
    private double shallow(final Example example) {
        return wide.dot(example.task(), example.categorical())
            + factors.dot(example.task(), example.categorical(), example);
    }

    /** The shallow score: the rating offset (RATING) + {@link #shallow}. */
    private double shallowScore(final Example example) {
        return (example.task() == Task.RATING ? ratingOffset() : 0) + shallow(example);
    }

    /** The rating head's offset: the running mean rating, the middle of the range before any rating. */
    double ratingOffset() {
        return ratingCount == 0 ? 0.5 * (config.ratingMin() + config.ratingMax()) : ratingMean;
    }

    EmbeddingTables tables() {
        return tables;
    }

    NumericStandardizer numerics() {
        return numerics;
    }

    ItemHistories histories() {
        return histories;
    }

    DeepMixNetwork trunk() {
        return trunk;
    }

    GenreHead genre() {
        return genre;
    }

    WidePart wide() {
        return wide;
    }

    FactorPart factors() {
        return factors;
    }

    ItemAudience audience() {
        return audience;
    }

    LabelThresholds thresholds() {
        return thresholds;
    }

    PendingBatch<Example> pending() {
        return pending;
    }
}
