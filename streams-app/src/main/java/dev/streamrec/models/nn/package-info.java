/**
 * Network parts both towers (LC-W&amp;D's {@code lcwd} and {@code deepmix}) use: activations, losses and the logistic
 * link, weight initialisers. Their dense parameters persist through {@code models.params}. No Kafka.
 */
package dev.streamrec.models.nn;
