package dev.streamrec.models.deepmix;

import dev.streamrec.features.Example;

import java.util.Arrays;
import java.util.List;

/**
 * The trunk's logits on the prediction path: an event is stacked into x0 ({@link InputStacker}) and run through
 * {@link DeepMixNetwork#forwardRows}, alone or with others, with the same bits either way. Owns the reused input
 * rows and a one-entry memo of the last single event. Not thread-safe.
 */
final class TrunkScorer {
    /** Events per batched row pass: their activations stay in the L1 cache. */
    static final int CHUNK = 32;

    private final InputStacker stacker;
    private final DeepMixNetwork trunk;
    private final float[] input;
    private final RowBuffer rows;
    private final float[] lastInput;
    private final float[] lastLogits;
    private final int split;
    private long lastGeneration = -1;

    TrunkScorer(final InputStacker stacker, final DeepMixNetwork trunk, final int outputs) {
        this.stacker = stacker;
        this.trunk = trunk;
        this.input = new float[stacker.eventDim()];
        this.rows = new RowBuffer(stacker.eventDim());
        this.lastInput = new float[stacker.eventDim()];
        this.lastLogits = new float[outputs];
        this.split = stacker.eventEmbeddingDim() / 4 * 4;
    }

    /**
     * The logits of one event (valid until the next call). When its x0 and the trunk's parameters are bit-identical
     * to the previous call's ({@link DeepMixModel#learn} re-scores the event that {@link DeepMixModel#predict} has
     * just scored), the previous logits are returned: the same function of the same bits. When only x0's embedding
     * prefix is (the usual re-score: the numeric standardiser moved between the two), the first layer resumes from
     * its partial sum over that prefix ({@link DeepMixNetwork#forwardRow(float[], int, boolean)}), again with the
     * same bits as a full pass.
     */
    float[] logits(final Example example) {
        Arrays.fill(input, 0f);
        stacker.stackEvent(example, input, 0);
        final long generation = trunk.params().generation();
        if (generation != lastGeneration || !Arrays.equals(input, lastInput)) {
            final boolean samePrefix = generation == lastGeneration
                && Arrays.equals(input, 0, split, lastInput, 0, split);
            final float[] z = trunk.forwardRow(input, split, samePrefix);
            System.arraycopy(input, 0, lastInput, 0, input.length);
            System.arraycopy(z, 0, lastLogits, 0, lastLogits.length);
            lastGeneration = generation;
        }
        return lastLogits;
    }

    /**
     * The logits of {@code events[from, from + n)}, {@code n <= }{@link #CHUNK}, row {@code e} for event
     * {@code from + e}, each bit-identical to {@link #logits(Example)} of that event; valid until the next call.
     */
    float[][] logits(final List<Example> events, final int from, final int n) {
        final float[][] x0 = rows.rows(n);
        for (int e = 0; e < n; e++) {
            Arrays.fill(x0[e], 0f);
            stacker.stackEvent(events.get(from + e), x0[e], 0);
        }
        return trunk.forwardRows(x0, n);
    }
}
