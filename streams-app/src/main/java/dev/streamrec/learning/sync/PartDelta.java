package dev.streamrec.learning.sync;

/**
 * The change of one shared parameter-layer part over a round: what one task learned, or the sum over every task
 * (a merged round). Arrays are owned by the delta: never modified after construction.
 */
public sealed interface PartDelta permits PartDelta.Ftrl, PartDelta.Rows, PartDelta.Dense, PartDelta.Additions {

    /**
     * FTRL coordinates ({@code models.params.FtrlCoordinates}): {@code dz[k]}, {@code dn[k]} of coordinate
     * {@code index[k]}, indices strictly ascending.
     */
    record Ftrl(int[] index, double[] dz, double[] dn) implements PartDelta {
        public Ftrl {
            if (dz.length != index.length || dn.length != index.length) {
                throw new IllegalArgumentException("FTRL delta of " + index.length + " indices with " + dz.length
                    + " dz and " + dn.length + " dn");
            }
        }
    }

    /**
     * Sparse rows ({@code models.params.SparseRowTable}) of {@code width} floats: row {@code keys[k]} changed by
     * {@code delta[k * width, (k + 1) * width)}, keys strictly ascending. A row {@code created} in the round carries
     * its origin (its values before its first step) in {@code origin} at the same place; zeros otherwise.
     */
    record Rows(int width, long[] keys, float[] delta, boolean[] created, float[] origin) implements PartDelta {
        public Rows {
            if (delta.length != keys.length * width || origin.length != delta.length
                || created.length != keys.length) {
                throw new IllegalArgumentException("row delta of " + keys.length + " keys of width " + width
                    + " with " + delta.length + " values, " + origin.length + " origins, " + created.length
                    + " created flags");
            }
        }
    }

    /** A dense tensor ({@code models.params.DenseTensor}): {@code delta[i]} of element {@code i}. */
    record Dense(float[] delta) implements PartDelta {
    }

    /**
     * Interaction histories ({@code models.params.InteractionHistories}): member {@code members[k]} added to owner
     * {@code owners[k]}'s history, in the order the task added them; a merged round holds every task's additions in
     * ascending task-id order.
     */
    record Additions(long[] owners, int[] members) implements PartDelta {
        public Additions {
            if (owners.length != members.length) {
                throw new IllegalArgumentException("history delta of " + owners.length + " owners with "
                    + members.length + " members");
            }
        }
    }
}
