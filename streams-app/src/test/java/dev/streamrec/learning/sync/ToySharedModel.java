package dev.streamrec.learning.sync;

import dev.streamrec.features.Example;
import dev.streamrec.features.SparseFeatures;
import dev.streamrec.models.OnlineModel;
import dev.streamrec.models.ParameterSink;
import dev.streamrec.models.TensorSink;
import dev.streamrec.models.params.DenseTensor;
import dev.streamrec.models.params.FtrlCoordinates;
import dev.streamrec.models.params.ModelState;
import dev.streamrec.models.params.Persisted;
import dev.streamrec.models.params.SparseRowTable;
import dev.streamrec.optim.FtrlProximal;
import dev.streamrec.optim.Optimizer;
import dev.streamrec.optim.Sgd;

/** A model with one part of each shared kind, stepped directly by the tests. */
final class ToySharedModel implements OnlineModel {
    final ModelState state = new ModelState("toy");
    final FtrlProximal ftrl = new FtrlProximal(0.1, 1.0, 0.0, 0.0, 12);
    final SparseRowTable rows;
    final float[] dense = new float[3];
    final DenseTensor tensor = new DenseTensor(dense, new float[0][]);
    long learned;

    ToySharedModel() {
        this(new Sgd(0.5f));
    }

    ToySharedModel(final Optimizer rowOptimizer) {
        rows = new SparseRowTable(2, rowOptimizer);
        state.register("ftrl", new FtrlCoordinates(ftrl));
        state.register("rows", rows);
        state.register("dense", tensor);
        state.register("meta", Persisted.single(out -> out.writeLong(learned), in -> learned = in.readLong()));
    }

    /** One SGD step of row {@code key} (created with values {@code key / 4, -key / 4} when new) by gradient g. */
    void stepRow(final long key, final float g0, final float g1) {
        int slot = rows.slot(key);
        if (slot < 0) {
            slot = rows.insert(key);
            rows.values()[2 * slot] = key / 4f;
            rows.values()[2 * slot + 1] = -key / 4f;
        }
        rows.addGradient(slot, 1f, new float[] {g0, g1}, 0);
        rows.applyGradients();
    }

    void stepDense(final int i, final float by) {
        dense[i] += by;
        tensor.markDirty();
    }

    void stepFtrl(final int index, final double gradScale) {
        final SparseFeatures x = new SparseFeatures(1);
        x.add(index, 1f, 0);
        ftrl.update(x, gradScale);
    }

    float row(final long key, final int j) {
        return rows.values()[2 * rows.slot(key) + j];
    }

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public long version() {
        return learned;
    }

    @Override
    public double predict(final Example example) {
        return 0.5;
    }

    @Override
    public void learn(final Example example) {
        learned++;
    }

    @Override
    public long parameterCount() {
        return rows.size() + dense.length;
    }

    @Override
    public void drainChanges(final ParameterSink sink) {
        state.drainChanges(sink);
    }

    @Override
    public void exportTensors(final TensorSink sink) {
    }

    @Override
    public void restore(final byte[] key, final byte[] value) {
        state.restore(key, value);
    }

    @Override
    public ModelState modelState() {
        return state;
    }
}
