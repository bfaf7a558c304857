package dev.streamrec.models.deepmix;

import dev.streamrec.models.nn.Losses;
import dev.streamrec.models.params.PendingBatch;
import dev.streamrec.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The multi-label genre head: its own DNN + CrossNetMix tower over the item input (item attributes, title tokens,
 * .npy vector, interaction history), one sigmoid per label, loss = sum of the labels' binary log losses, averaged
 * over the mini-batch. It shares the embedding tables with the click/rating trunk; the tower is separate because
 * an item input has a different layout from an event input (no user or context features). With an
 * {@link ItemAudience} the logits are the tower's plus the audience part's, and the tower learns on their sum
 * ({@code deepmix.genre.audience.joint}).
 */
final class GenreHead {
    private final InputStacker stacker;
    private final EmbeddingTables tables;
    private final Optimizer optimizer;
    private final DeepMixNetwork network;
    private final PendingBatch<ItemExample> pending;
    private final int labels;
    private final ItemAudience audience;
    private final boolean joint;

    /** A head with the audience part {@code audience} in its logits (or none: {@code null}). */
    GenreHead(final DeepMixConfig config, final InputStacker stacker, final EmbeddingTables tables,
              final DataType dtype, final ItemAudience audience) {
        this.stacker = stacker;
        this.audience = audience;
        this.joint = config.genreAudienceJoint();
        this.tables = tables;
        this.optimizer = config.newOptimizer();
        this.labels = config.genreLabels().size();
        this.network = new DeepMixNetwork(stacker.itemDim(), labels, config, dtype, config.seed() + 1, "genre");
        this.pending = new PendingBatch<>(config.itemBatchSize(), new ItemExampleCodec());
    }

    DeepMixNetwork network() {
        return network;
    }

    PendingBatch<ItemExample> pending() {
        return pending;
    }

    /**
     * Label probabilities with the current parameters, the tower's logits plus the audience part's with the event's
     * user {@code userId} (or none: {@code null}) in the item's audience; mutates nothing.
     */
    double[] predict(final ItemExample item, final String userId) {
        final float[] x0 = new float[stacker.itemDim()];
        stacker.stackItem(item, x0, 0);
        final float[] z = network.forwardRow(x0);
        final double[] s = audience == null ? null : audience.logits(item.itemId(), userId);
        final double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Losses.sigmoid(z[k] + (s == null ? 0 : s[k]));
        }
        return p;
    }

    /**
     * Steps the audience part on the item (event's user {@code userId}), then buffers a copy of the item and trains
     * the tower one step when the buffer is full.
     */
    void learn(final ItemExample item, final String userId) {
        checkLabels(item);
        if (audience != null) {
            audience.learn(item.itemId(), userId, item);
        }
        learn(item);
    }

    /** Buffers a copy of the item; trains one step when the buffer is full. */
    void learn(final ItemExample item) {
        checkLabels(item);
        pending.add(item.copy());
        if (pending.isFull()) {
            lossAndGradients(pending.items(), true);
            tables.applyGradients();
            network.params().step(optimizer);
            pending.clear();
        }
    }

    private void checkLabels(final ItemExample item) {
        for (final int label : item.labels()) {
            if (label < 0 || label >= labels) {
                throw new IllegalArgumentException("item " + item.itemId() + " has label " + label
                    + " outside the vocabulary of " + labels + " labels (deepmix.genre.labels)");
            }
        }
    }

    /**
     * Mean over the batch of the summed binary log losses; with {@code backward}, writes the dense gradients and
     * accumulates the embedding-row gradients (not applied).
     */
    double lossAndGradients(final List<ItemExample> batch, final boolean backward) {
        final int n = batch.size();
        final int d = stacker.itemDim();
        final float[] x0 = new float[n * d];
        for (int i = 0; i < n; i++) {
            stacker.stackItem(batch.get(i), x0, i * d);
        }
        final INDArray logits = network.forward(network.inputs(x0, n), backward);
        final double[] z = DeepMixNetwork.doubles(logits);
        final float[] dz = new float[n * labels];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            final ItemExample item = batch.get(i);
            // the residual the audience part leaves, with the item's audience as it is now (every user recorded)
            final double[] s = audience == null || !joint ? null : audience.logits(item.itemId(), null);
            for (int k = 0; k < labels; k++) {
                final double zk = z[i * labels + k] + (s == null ? 0 : s[k]);
                final double y = item.hasLabel(k) ? 1.0 : 0.0;
                loss += Losses.logLoss(zk, y);
                dz[i * labels + k] = (float) ((Losses.sigmoid(zk) - y) / n);
            }
        }
        if (backward) {
            final float[] dx = DeepMixNetwork.floats(network.backward(network.logitGradients(dz, n)));
            for (int i = 0; i < n; i++) {
                stacker.backpropItem(batch.get(i), dx, i * d);
            }
        }
        return loss / n;
    }
}
