package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogLevelsTest {
    private static final String DEFAULT = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String STREAMREC = "org.slf4j.simpleLogger.log.dev.streamrec";
    private static final String CONTROLLER = "org.slf4j.simpleLogger.log.org.apache.kafka.controller";

    @AfterEach
    void clear() {
        System.clearProperty(DEFAULT);
        System.clearProperty(STREAMREC);
        System.clearProperty(CONTROLLER);
    }

    @Test
    void shouldLogEverythingAtInfoWithVerboseOnAnyCommand() {
        LogLevels.configure(new String[] {"evaluate", "dir", "--verbose"});
        assertEquals("info", System.getProperty(DEFAULT));
        assertEquals("info", System.getProperty(CONTROLLER));
        assertEquals(true, LogLevels.verbose());
    }

    @Test
    void shouldLeaveTheConfiguredLevelsWithoutVerbose() {
        LogLevels.configure(new String[] {"run", "--config", "app.properties"});
        assertNull(System.getProperty(DEFAULT));
        assertNull(System.getProperty(STREAMREC));
        assertEquals(false, LogLevels.verbose());
    }

    @Test
    void shouldQuietenStreamrecsInfoLinesInTheDemoUnlessVerbose() {
        LogLevels.configure(new String[] {"demo", "--events", "1000"});
        assertEquals("warn", System.getProperty(STREAMREC));
        clear();
        LogLevels.configure(new String[] {"demo", "--verbose"});
        assertNull(System.getProperty(STREAMREC));
        assertEquals("info", System.getProperty(DEFAULT));
    }
}
