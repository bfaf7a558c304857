package dev.streamrec.metrics;

/**
 * Prequential metrics of one model at one moment. Undefined values are NaN (no events yet, or an AUC window
 * without both classes).
 *
 * @param model         model name
 * @param clickCount    click events recorded (cumulative)
 * @param ratingCount   rating events recorded (cumulative)
 * @param aucWindowSize click events the AUC covers (at most the window)
 * @param auc           exact AUC over the last click events
 * @param logLoss       cumulative mean log loss of click probabilities
 * @param mae           cumulative mean absolute error of ratings
 * @param rmse          cumulative root mean squared error of ratings
 * @param itemCount     items whose labels (genres) were predicted (cumulative; 0 for models without such a head)
 * @param microF1       cumulative micro-F1 of the predicted label sets
 * @param macroF1       cumulative macro-F1 of the predicted label sets
 */
public record MetricsSnapshot(String model, long clickCount, long ratingCount, int aucWindowSize, double auc,
                              double logLoss, double mae, double rmse, long itemCount, double microF1,
                              double macroF1) {
}
