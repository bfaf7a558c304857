/**
 * The {@code lr} model: FTRL-Proximal logistic regression (clicks) and linear regression (ratings) over hashed
 * features. {@link dev.streamrec.optim.FtrlProximal} is the loss-agnostic per-coordinate learner, also usable as
 * the wide part of other models; {@link dev.streamrec.models.lr.LogisticRegressionModel} is the
 * {@link dev.streamrec.models.OnlineModel}; {@link dev.streamrec.bench.LrThroughput} measures its speed.
 * Pure Java: no Kafka, no state stores.
 */
package dev.streamrec.models.lr;
