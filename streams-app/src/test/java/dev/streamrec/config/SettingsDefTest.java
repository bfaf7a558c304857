package dev.streamrec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsDefTest {
    private record Sample(int size, List<Integer> widths, int owned) {
    }

    private static final SettingsDef<Sample> DEF = new SettingsDef<>("sample.", "the sample");
    private static final String SIZE = DEF.define("sample.size", SettingType.INT, 4, Validator.atLeast(1),
        "Size.", Sample::size);
    private static final String WIDTHS = DEF.define("sample.widths", SettingType.INT_LIST, List.of(8, 2),
        Validator.nonEmptyListBetween(1, 64), "Widths.", Sample::widths);
    private static final String OWNED = DEF.defineOwned("sample.owned", SettingType.INT, 0, "the featurizer",
        "Owned.", Sample::owned);

    private static Sample sample(final SettingValues v) {
        return new Sample(v.getInt(SIZE), v.getIntList(WIDTHS), v.getInt(OWNED));
    }

    @Test
    void shouldTakeDefaultsAndIgnoreOtherPrefixes() {
        assertEquals(new Sample(4, List.of(8, 2), 0), sample(DEF.parse(Map.of("other.size", "9"))));
    }

    @Test
    void shouldRoundTripThroughRender() {
        final Sample s = new Sample(7, List.of(3), 5);
        assertEquals(Map.of(SIZE, "7", WIDTHS, "3", OWNED, "5"), DEF.render(s));
        assertEquals(s, sample(DEF.parse(DEF.render(s))));
    }

    @Test
    void shouldRejectAnUnknownKeySuggestingTheNearest() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DEF.parse(Map.of("sample.sise", "3")));
        assertTrue(e.getMessage().contains("'sample.sise'") && e.getMessage().contains("did you mean 'sample.size'"),
            e.getMessage());
    }

    @Test
    void shouldRefuseAnOwnedValueFromTheUserButTakeItFromTheOwner() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DEF.parseUser(Map.of(OWNED, "3"), Map.of()));
        assertTrue(e.getMessage().contains("sample.owned cannot be set") && e.getMessage().contains("the featurizer"),
            e.getMessage());
        assertEquals(3, sample(DEF.parseUser(Map.of(), Map.of(OWNED, 3))).owned());
    }

    @Test
    void shouldRejectBadValuesNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DEF.parse(Map.of(SIZE, "0")))
            .getMessage().contains(SIZE));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DEF.parse(Map.of(SIZE, "x")))
            .getMessage().contains(SIZE));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DEF.parse(Map.of(WIDTHS, "8,,2")))
            .getMessage().contains(WIDTHS));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DEF.parse(Map.of(WIDTHS, "")))
            .getMessage().contains(WIDTHS));
    }
}
