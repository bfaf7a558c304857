package dev.streamrec.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ItemProfile;
import org.junit.jupiter.api.Test;

class ItemCatalogTest {
    private static ItemProfile item(final String id) {
        return ItemProfile.newBuilder().setItemId(id).setAttributes(Attributes.newBuilder().build()).setTitle(null)
            .setUpdateTime(Instant.EPOCH).build();
    }

    @Test
    void shouldScanTheStoreAgainOnlyAfterItWasWritten() {
        final SortedMap<String, ItemProfile> store = new TreeMap<>();
        store.put("1", item("1"));
        final AtomicInteger scans = new AtomicInteger();
        final LiveModels live = new LiveModels();
        final ItemCatalog catalog = new ItemCatalog(() -> {
            scans.incrementAndGet();
            return new TreeMap<>(store);
        }, live::itemProfileWrites);
        final SortedMap<String, ItemProfile> first = catalog.items();
        assertSame(first, catalog.items(), "no write: the kept scan");
        assertEquals(1, scans.get());
        store.put("2", item("2"));
        live.itemProfileWritten();
        assertEquals(store.keySet(), catalog.items().keySet(), "a write: scanned again");
        assertEquals(2, scans.get());
        catalog.items();
        assertEquals(2, scans.get());
        assertThrows(UnsupportedOperationException.class, () -> catalog.items().put("3", item("3")));
    }
}
