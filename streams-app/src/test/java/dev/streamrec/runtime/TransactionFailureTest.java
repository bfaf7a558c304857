package dev.streamrec.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class TransactionFailureTest {
    @Test
    void replacesTheThreadWhenTheBrokerAbortedItsTransaction() {
        assertTrue(TransactionFailure.isTransient(new StreamsException("Error encountered trying to commit a "
            + "transaction", new InvalidTxnStateException("The producer attempted a transactional operation in an "
            + "invalid state."))));
    }

    @Test
    void shutsDownOnAnythingElse() {
        assertFalse(TransactionFailure.isTransient(new StreamsException("boom",
            new IllegalStateException("a model invariant broke"))));
        assertFalse(TransactionFailure.isTransient(new IllegalArgumentException("no cause")));
    }
}
