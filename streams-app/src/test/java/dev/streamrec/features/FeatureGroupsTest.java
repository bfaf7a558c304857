package dev.streamrec.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureGroupsTest {
    @Test
    void shouldNumberDefaultGroupsInOrderWithOtherLast() {
        final FeatureGroups groups = FeatureGroups.of(FeatureConfig.defaults());
        assertEquals(13, groups.size());
        assertEquals(0, groups.id("user"));
        assertEquals(1, groups.id("item"));
        assertEquals(6, groups.id("item.genre"));
        assertEquals(11, groups.id("user:item.genre"));
        assertEquals(12, groups.otherId());
        assertEquals("other", groups.name(12));
    }

    @Test
    void shouldMapUnlistedNamesToOther() {
        final FeatureGroups groups = new FeatureGroups(List.of("user", "item"));
        assertEquals(3, groups.size());
        assertEquals(2, groups.id("ctx.device"));
        assertEquals(2, groups.id(FeatureGroups.OTHER));
        assertEquals(List.of("user", "item", "other"), groups.names());
    }

    @Test
    void shouldMoveAListedOtherToTheEnd() {
        final FeatureGroups groups = new FeatureGroups(List.of("other", "user"));
        assertEquals(0, groups.id("user"));
        assertEquals(1, groups.otherId());
    }
}
