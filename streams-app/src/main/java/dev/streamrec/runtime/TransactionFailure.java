package dev.streamrec.runtime;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.TransactionAbortedException;

/**
 * Which stream-thread failures are a transaction the broker aborted, not a fault of the application: a broker away
 * for longer than the producer's transaction timeout (10 s under exactly-once) aborts the open transaction, and the
 * next commit fails with {@link InvalidTxnStateException}. A new stream thread recovers exactly as after a crash.
 */
final class TransactionFailure {
    private TransactionFailure() {
    }

    /** Whether {@code exception} or one of its causes says the open transaction was aborted under the thread. */
    static boolean isTransient(final Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidTxnStateException || t instanceof TransactionAbortedException
                || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }
}
