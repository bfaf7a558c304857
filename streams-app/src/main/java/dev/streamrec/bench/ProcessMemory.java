package dev.streamrec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of this process: heap in use (after the last GC, as the JVM reports it) and resident set size from
 * {@code /proc/self/status} ({@code VmRSS} now, {@code VmHWM} its peak). RSS covers everything in the process: heap,
 * metaspace, thread stacks, ND4J's native buffers and, in-process, the embedded broker.
 *
 * @param heapUsedBytes heap in use
 * @param heapMaxBytes  the heap's limit ({@code -Xmx})
 * @param rssKiB        resident set size now, KiB (-1 when /proc is not available)
 * @param peakRssKiB    peak resident set size, KiB (-1 when /proc is not available)
 */
public record ProcessMemory(long heapUsedBytes, long heapMaxBytes, long rssKiB, long peakRssKiB) {
    /** Reads the current figures. */
    public static ProcessMemory now() {
        final Runtime rt = Runtime.getRuntime();
        long rss = -1;
        long hwm = -1;
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                }
            }
        } catch (final IOException | RuntimeException e) {
            // not Linux: report -1
        }
        return new ProcessMemory(rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), rss, hwm);
    }

    private static long kib(final String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
