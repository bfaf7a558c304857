package dev.streamrec.models;

/**
 * Where a model writes the entries of its persisted state that changed (parameters, optimiser state, buffered
 * mini-batch examples). Keys and values are opaque bytes in a versioned format the model owns; the topology backs
 * this with a changelogged state store, unit tests with a map. Models never see Kafka.
 *
 * <p>The sink may keep the arrays it is given: callers must not modify or reuse them after the call.
 */
public interface ParameterSink {
    void put(byte[] key, byte[] value);

    void delete(byte[] key);
}
