package dev.streamrec.metrics;

/**
 * One label's prequential counts in a {@link MultiLabelF1}: how often it was predicted and true (TP), predicted and
 * false (FP), true and not predicted (FN). Which labels pull macro-F1 down, and why (never predicted: TP + FP = 0;
 * too many false positives), reads off these.
 *
 * @param label          the label's index in the model's label vocabulary
 * @param truePositives  items predicted with the label that have it
 * @param falsePositives items predicted with the label that do not have it
 * @param falseNegatives items that have the label and were not predicted with it
 */
public record LabelCounts(int label, long truePositives, long falsePositives, long falseNegatives) {
    /** Items that have the label (TP + FN). */
    public long support() {
        return truePositives + falseNegatives;
    }

    /** Items predicted with the label (TP + FP). */
    public long predicted() {
        return truePositives + falsePositives;
    }

    /** 2TP / (2TP + FP + FN), 0 when the label neither occurred nor was predicted. */
    public double f1() {
        final long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0.0 : 2.0 * truePositives / denominator;
    }
}
