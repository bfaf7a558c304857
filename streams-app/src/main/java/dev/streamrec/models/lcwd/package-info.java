/**
 * LC-W&amp;D: the locally connected Wide &amp; Deep model of Chen et al., "Locally Connected Deep Learning Framework
 * for Industrial-scale Recommender Systems", WWW 2017 Companion.
 *
 * <p>One tower per {@link dev.streamrec.features.Task}: a "diagonal" sparse layer M1 (one weight per hashed feature,
 * warm-started from the linear model) sums each feature group into a dense vector {@code l0} of size f, followed by
 * dense layers and a scalar output; a wide (FTRL) linear part is added to the output. Wide weights learn per event,
 * the deep part per mini-batch in ND4J. Everything here is plain Java plus ND4J: no Kafka.
 */
package dev.streamrec.models.lcwd;
