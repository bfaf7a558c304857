package dev.streamrec.metrics;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * Exact ROC AUC over the last {@code W} scored events (prequential, sliding count window).
 *
 * <p>Method: AUC = U / (P N), where U (the Mann-Whitney statistic) counts positive/negative pairs with the positive
 * scored higher, ties counting one half. U is maintained incrementally in an exact integer {@code 2U}: a new
 * positive with score s adds {@code 2 #neg(< s) + #neg(= s)}, a new negative adds {@code 2 #pos(> s) + #pos(= s)},
 * and evicting the oldest event subtracts its pairs the same way. The counts come from an array-backed treap keyed by
 * distinct score, each node holding its positive and negative counts and subtree sums, so every update is one
 * eviction plus one insertion at expected O(log W) time; memory is O(W); nothing is allocated after construction.
 * Scores are compared exactly ({@code -0.0} counts as {@code 0.0}); NaN scores are rejected.
 *
 * <p>Persisted state ({@link MetricStateFormat}): a summary under {@link #KIND} (window, ring head, ring size) and
 * one entry per ring slot under {@link #slotKey} (score, class), so each event rewrites one slot and the summary.
 * Restoring replays the ring's events in order into an empty window: the counts and {@code 2U} are exact integers
 * that depend only on the window's contents, so the restored AUC continues bit for bit (the treap's shape may
 * differ; it only affects speed).
 *
 * <p>Not thread-safe.
 */
public final class SlidingWindowAuc {
    public static final int DEFAULT_WINDOW = 10_000;
    /** The key of the persisted summary; slot keys start with it. */
    public static final String KIND = "auc";
    private static final int SUMMARY_BYTES = 3 * Integer.BYTES;
    private static final int SLOT_BYTES = Double.BYTES + 1;
    private static final int NIL = 0;

    private final int window;
    private final double[] ringScore;
    private final boolean[] ringPositive;
    private int ringHead;
    private int ringSize;

    // Treap nodes 1..window; node 0 is the empty sentinel with all counts zero.
    private final double[] key;
    private final int[] posCount;
    private final int[] negCount;
    private final int[] sumPos;
    private final int[] sumNeg;
    private final int[] left;
    private final int[] right;
    private final int[] priority;
    private int root = NIL;
    private int freeHead;
    private int randomState = 0x2545F491;

    private long positives;
    private long negatives;
    private long twiceU;

    public SlidingWindowAuc() {
        this(DEFAULT_WINDOW);
    }

    /** @param window the number of most recent events the AUC covers, {@code >= 1} */
    public SlidingWindowAuc(final int window) {
        if (window < 1) {
            throw new IllegalArgumentException("AUC window must be >= 1, got " + window);
        }
        this.window = window;
        this.ringScore = new double[window];
        this.ringPositive = new boolean[window];
        this.key = new double[window + 1];
        this.posCount = new int[window + 1];
        this.negCount = new int[window + 1];
        this.sumPos = new int[window + 1];
        this.sumNeg = new int[window + 1];
        this.left = new int[window + 1];
        this.right = new int[window + 1];
        this.priority = new int[window + 1];
        for (int n = 1; n < window; n++) {
            left[n] = n + 1; // free list threaded through left
        }
        freeHead = 1;
    }

    /** Adds one scored event, evicting the oldest when the window is full. */
    public void add(final double score, final boolean positive) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("AUC score must not be NaN");
        }
        final double s = score + 0.0; // -0.0 -> 0.0
        if (ringSize == window) {
            final double old = ringScore[ringHead];
            final boolean oldPositive = ringPositive[ringHead];
            root = remove(root, old, oldPositive);
            twiceU -= pairCredit(old, oldPositive);
            ringHead = (ringHead + 1) % window;
            ringSize--;
        }
        twiceU += pairCredit(s, positive);
        root = insert(root, s, positive);
        final int slot = (ringHead + ringSize) % window;
        ringScore[slot] = s;
        ringPositive[slot] = positive;
        ringSize++;
    }

    /** The AUC over the window, or NaN while the window lacks a positive or a negative. */
    public double auc() {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return twiceU / (2.0 * positives * negatives);
    }

    /** Events currently in the window. */
    public int size() {
        return ringSize;
    }

    public int window() {
        return window;
    }

    /** The ring slot the latest event went to (valid after at least one {@link #add}). */
    public int lastSlot() {
        return (ringHead + ringSize - 1) % window;
    }

    /** The key of ring slot {@code slot}'s persisted state. */
    public static String slotKey(final int slot) {
        return KIND + "/" + slot;
    }

    /** The persisted summary: format version, window, ring head, ring size. */
    public byte[] summaryState() {
        return MetricStateFormat.writer(SUMMARY_BYTES).putInt(window).putInt(ringHead).putInt(ringSize).array();
    }

    /** The persisted state of ring slot {@code slot}: format version, score, 1 if positive else 0. */
    public byte[] slotState(final int slot) {
        return MetricStateFormat.writer(SLOT_BYTES).putDouble(ringScore[slot]).put((byte) (ringPositive[slot] ? 1 : 0))
            .array();
    }

    /**
     * Continues from a persisted summary and its slots ({@code slots} maps a slot to its state, null if absent).
     * Only an empty window can be restored; the persisted window must equal this one's.
     */
    public void restore(final byte[] summary, final IntFunction<byte[]> slots) {
        if (ringSize != 0) {
            throw new IllegalStateException("only an empty AUC window can be restored, this one holds " + ringSize);
        }
        final ByteBuffer in = MetricStateFormat.reader(KIND, summary, SUMMARY_BYTES);
        final int persistedWindow = in.getInt();
        final int head = in.getInt();
        final int size = in.getInt();
        if (persistedWindow != window) {
            throw new IllegalArgumentException("persisted AUC window is " + persistedWindow + " events but this one is "
                + window + "; the AUC window cannot change while state is kept");
        }
        if (head < 0 || head >= window || size < 0 || size > window) {
            throw new IllegalArgumentException("persisted AUC ring head " + head + " or size " + size
                + " outside the window " + window);
        }
        ringHead = head;
        for (int i = 0; i < size; i++) {
            final int slot = (head + i) % window;
            final byte[] state = slots.apply(slot);
            if (state == null) {
                throw new IllegalArgumentException("persisted AUC state lacks ring slot " + slot + " of " + size
                    + " from head " + head);
            }
            final ByteBuffer slotIn = MetricStateFormat.reader(slotKey(slot), state, SLOT_BYTES);
            final double score = slotIn.getDouble();
            final byte positive = slotIn.get();
            if (positive != 0 && positive != 1) {
                throw new IllegalArgumentException("persisted AUC ring slot " + slot + " has class byte " + positive);
            }
            add(score, positive == 1); // lands in slot (head + i) % window: the ring is not full yet
        }
    }

    /** {@code 2 x} the pairs between an event (s, positive) and the events of the other class in the tree. */
    private long pairCredit(final double s, final boolean positive) {
        long lessTwice = 0;
        long equal = 0;
        int n = root;
        while (n != NIL) {
            final int c = Double.compare(s, key[n]);
            if (c < 0) {
                n = left[n];
            } else if (c > 0) {
                lessTwice += 2L * (positive ? sumNeg[left[n]] + negCount[n] : sumPos[left[n]] + posCount[n]);
                n = right[n];
            } else {
                lessTwice += 2L * (positive ? sumNeg[left[n]] : sumPos[left[n]]);
                equal = positive ? negCount[n] : posCount[n];
                break;
            }
        }
        // a positive beats negatives below it; a negative loses to positives above it
        return positive ? lessTwice + equal : 2L * positives - lessTwice - equal;
    }

    private int insert(final int n, final double s, final boolean positive) {
        if (n == NIL) {
            final int fresh = freeHead;
            freeHead = left[fresh];
            key[fresh] = s;
            posCount[fresh] = positive ? 1 : 0;
            negCount[fresh] = positive ? 0 : 1;
            left[fresh] = NIL;
            right[fresh] = NIL;
            priority[fresh] = nextRandom();
            pull(fresh);
            count(positive, 1);
            return fresh;
        }
        final int c = Double.compare(s, key[n]);
        int top = n;
        if (c == 0) {
            posCount[n] += positive ? 1 : 0;
            negCount[n] += positive ? 0 : 1;
            count(positive, 1);
        } else if (c < 0) {
            left[n] = insert(left[n], s, positive);
            if (priority[left[n]] > priority[n]) {
                top = rotateRight(n);
            }
        } else {
            right[n] = insert(right[n], s, positive);
            if (priority[right[n]] > priority[n]) {
                top = rotateLeft(n);
            }
        }
        pull(top);
        return top;
    }

    private int remove(final int n, final double s, final boolean positive) {
        final int c = Double.compare(s, key[n]); // the event is in the tree, so n != NIL
        if (c < 0) {
            left[n] = remove(left[n], s, positive);
        } else if (c > 0) {
            right[n] = remove(right[n], s, positive);
        } else {
            posCount[n] -= positive ? 1 : 0;
            negCount[n] -= positive ? 0 : 1;
            count(positive, -1);
            if (posCount[n] == 0 && negCount[n] == 0) {
                return deleteNode(n);
            }
        }
        pull(n);
        return n;
    }

    /** Rotates empty node {@code n} down to a leaf, unlinks it and returns the subtree's new root. */
    private int deleteNode(final int n) {
        final int top;
        if (left[n] == NIL || right[n] == NIL) {
            top = left[n] == NIL ? right[n] : left[n];
            left[n] = freeHead;
            freeHead = n;
            return top;
        }
        if (priority[left[n]] > priority[right[n]]) {
            top = rotateRight(n);
            right[top] = deleteNode(n);
        } else {
            top = rotateLeft(n);
            left[top] = deleteNode(n);
        }
        pull(top);
        return top;
    }

    private int rotateRight(final int n) {
        final int l = left[n];
        left[n] = right[l];
        right[l] = n;
        pull(n);
        pull(l);
        return l;
    }

    private int rotateLeft(final int n) {
        final int r = right[n];
        right[n] = left[r];
        left[r] = n;
        pull(n);
        pull(r);
        return r;
    }

    private void pull(final int n) {
        sumPos[n] = sumPos[left[n]] + sumPos[right[n]] + posCount[n];
        sumNeg[n] = sumNeg[left[n]] + sumNeg[right[n]] + negCount[n];
    }

    private void count(final boolean positive, final int delta) {
        if (positive) {
            positives += delta;
        } else {
            negatives += delta;
        }
    }

    private int nextRandom() {
        int x = randomState; // xorshift32
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        randomState = x;
        return x;
    }
}
