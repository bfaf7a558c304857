/**
 * DeepMix (Li, Yun and Wu): Embedding, Stacking, DNN (plain or residual units), CrossNetMix (DCN-V2's mixture of
 * low-rank cross experts, Wang et al. 2021) and Scoring, learned online in mini-batches; click, rating and
 * multi-label genre heads. Dense math runs batched in ND4J; per-event sparse work stays in plain arrays. No Kafka.
 */
package dev.streamrec.models.deepmix;
