package dev.streamrec.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.streamrec.schema.SnapshotChunk;
import dev.streamrec.schema.SnapshotManifest;
import dev.streamrec.schema.SnapshotRecord;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {
    static List<StateEntry> entries(final int count, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<StateEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final byte[] key = {(byte) random.nextInt(256), (byte) (i >>> 8), (byte) i};
            final byte[] value = new byte[random.nextInt(40)];
            random.nextBytes(value);
            entries.add(new StateEntry(key, value));
        }
        return entries;
    }

    static SnapshotHeader header(final String model, final long version) {
        return new SnapshotHeader(model, "test.Model", version, "0_1", 1, 1_000L * version,
            Map.of("ratings-1", 7L * version), Map.of("lr.alpha", "0.1"), Map.of("auc", 0.75), 42);
    }

    @Test
    void shouldEncodeTheSameStateToTheSameBytesWhateverTheEntryOrder() {
        final List<StateEntry> entries = entries(300, 1);
        final List<StateEntry> reversed = new ArrayList<>(entries);
        java.util.Collections.reverse(reversed);
        assertArrayEquals(SnapshotPayload.encode(entries), SnapshotPayload.encode(reversed));
        final List<StateEntry> decoded = SnapshotPayload.decode(SnapshotPayload.encode(entries));
        final List<StateEntry> sorted = new ArrayList<>(entries);
        sorted.sort(StateEntry.BY_KEY);
        assertEquals(sorted, decoded);
    }

    @Test
    void shouldRejectUnknownFormatVersionsAndTruncatedPayloads() {
        final byte[] payload = SnapshotPayload.encode(entries(10, 2));
        final byte[] future = payload.clone();
        future[4] = 9;
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SnapshotPayload.decode(future));
        final String current = "version " + SnapshotPayload.FORMAT_VERSION;
        assertTrue(e.getMessage().contains("9") && e.getMessage().contains(current), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> SnapshotPayload.decode(java.util.Arrays.copyOf(payload, payload.length - 3)));
    }

    @Test
    void shouldSplitIntoChunksBelowTheLimitAndReassembleExactly() {
        final List<StateEntry> entries = entries(500, 3);
        final List<SnapshotEncoder.KeyedRecord> records = new SnapshotEncoder(1000).encode(header("lr", 5), entries);
        final SnapshotManifest manifest = (SnapshotManifest) records.get(records.size() - 1).value().getBody();
        assertTrue(manifest.getChunkCount() > 5, "chunks: " + manifest.getChunkCount());
        assertEquals(manifest.getChunkCount() + 1, records.size());
        for (final SnapshotEncoder.KeyedRecord record : records.subList(0, records.size() - 1)) {
            assertTrue(((SnapshotChunk) record.value().getBody()).getData().remaining() <= 1000);
            assertTrue(record.key().startsWith("lr/0_1/chunk/"), record.key());
        }
        assertEquals("lr/0_1/manifest", records.get(records.size() - 1).key());
        assertEquals(ModelConfiguration.hash(Map.of("lr.alpha", "0.1")), manifest.getConfigHash());

        final SnapshotAssembler assembler = new SnapshotAssembler();
        records.forEach(r -> assembler.accept(r.value()));
        final Snapshot snapshot = assembler.snapshot("lr", "0_1").orElseThrow();
        final List<StateEntry> sorted = new ArrayList<>(entries);
        sorted.sort(StateEntry.BY_KEY);
        assertEquals(sorted, snapshot.entries());
        assertEquals(List.of(), assembler.incomplete());
    }

    @Test
    void shouldDetectMissingAndCorruptChunks() {
        final List<SnapshotEncoder.KeyedRecord> records = new SnapshotEncoder(500).encode(header("lr", 5),
            entries(100, 4));
        final SnapshotAssembler missing = new SnapshotAssembler();
        for (int i = 0; i < records.size(); i++) {
            if (i != 2) {
                missing.accept(records.get(i).value());
            }
        }
        assertTrue(missing.snapshots().isEmpty());
        assertEquals(1, missing.incomplete().size(), missing.incomplete().toString());

        final SnapshotAssembler corrupt = new SnapshotAssembler();
        for (final SnapshotEncoder.KeyedRecord record : records) {
            if (record.value().getBody() instanceof SnapshotChunk chunk && chunk.getIndex() == 1) {
                final byte[] data = new byte[chunk.getData().remaining()];
                chunk.getData().duplicate().get(data);
                data[0] ^= 1;
                corrupt.accept(new SnapshotRecord(new SnapshotChunk(chunk.getSnapshotId(), 1, ByteBuffer.wrap(data))));
            } else {
                corrupt.accept(record.value());
            }
        }
        assertTrue(corrupt.snapshots().isEmpty());
        assertTrue(corrupt.incomplete().get(0).contains("checksum"), corrupt.incomplete().toString());
    }

    @Test
    void shouldKeepTheLatestOrTheWantedVersionPerModelAndTask() {
        final SnapshotEncoder encoder = new SnapshotEncoder(64);
        final List<SnapshotEncoder.KeyedRecord> records = new ArrayList<>();
        for (final long version : new long[] {10, 20, 30}) {
            records.addAll(encoder.encode(header("lr", version), entries(20, version)));
            records.addAll(encoder.encode(header("lcwd", version), entries(5, version + 1)));
        }
        final SnapshotAssembler latest = new SnapshotAssembler();
        final SnapshotAssembler wanted = new SnapshotAssembler(20);
        records.forEach(r -> {
            latest.accept(r.value());
            wanted.accept(r.value());
        });
        assertEquals(30, latest.snapshot("lr", "0_1").orElseThrow().version());
        assertEquals(30, latest.snapshot("lcwd", "0_1").orElseThrow().version());
        assertEquals(2, latest.snapshots().size());
        assertEquals(20, wanted.snapshot("lr", "0_1").orElseThrow().version());
        final List<StateEntry> expected = new ArrayList<>(entries(20, 20));
        expected.sort(StateEntry.BY_KEY);
        assertEquals(expected, wanted.snapshot("lr", "0_1").orElseThrow().entries());
    }
}
