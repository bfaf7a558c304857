package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SimulatePartitionsCommandTest {

    @Test
    void shouldSplitUsersAsTheProducersDefaultPartitionerDoes() {
        try (StringSerializer keys = new StringSerializer()) {
            for (final int partitions : new int[] {1, 2, 4, 8, 7}) {
                for (int user = 0; user < 2_000; user++) {
                    final String id = user % 3 == 0 ? "u-" + user + "-\u00e9" : String.valueOf(user);
                    assertEquals(BuiltInPartitioner.partitionForKey(keys.serialize("ratings", id), partitions),
                        SimulatePartitionsCommand.partitionOf(id, partitions), id + " of " + partitions);
                }
            }
        }
    }
}
