package dev.streamrec.query;

import org.apache.kafka.streams.state.HostInfo;

/** Who owns a user, and how to ask another instance ({@link QueryRouter} in production; a fixed map in tests). */
public interface Owners {
    /** This instance. */
    HostInfo self();

    /** The owner of {@code user}. */
    QueryRouter.Owner locate(String user);

    /** The owner's answer to the same request. */
    QueryRouter.Forwarded forward(HostInfo host, String method, String pathAndQuery, byte[] body);
}
