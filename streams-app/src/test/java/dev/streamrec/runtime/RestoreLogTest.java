package dev.streamrec.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreLogTest {
    private final TopicPartition changelog0 = new TopicPartition("app-lr-state-changelog", 0);
    private final TopicPartition changelog1 = new TopicPartition("app-lr-state-changelog", 1);

    @Test
    void shouldSumRecordsOfEveryFinishedRestore() {
        final RestoreLog log = new RestoreLog();
        log.onRestoreStart(changelog0, "lr-state", 0, 120);
        log.onRestoreStart(changelog1, "lr-state", 0, 80);
        log.onBatchRestored(changelog0, "lr-state", 100, 100);
        log.onRestoreEnd(changelog0, "lr-state", 120);
        log.onRestoreEnd(changelog1, "lr-state", 80);
        assertEquals(200, log.totalRecords());
    }

    @Test
    void shouldNotCountSuspendedRestores() {
        final RestoreLog log = new RestoreLog();
        log.onRestoreStart(changelog0, "lr-state", 0, 120);
        log.onRestoreSuspended(changelog0, "lr-state", 60);
        assertEquals(0, log.totalRecords());
        assertEquals(0, log.totalMillis());
    }
}
