package dev.streamrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dev.streamrec.learning.ModelFactory;
import org.junit.jupiter.api.Test;

class BenchEndToEndModelSetsTest {
    @Test
    void shouldReadNoneAsNoModelAllAsEveryModelAndOtherwiseAList() {
        assertEquals(List.of(), BenchEndToEndCommand.models("none"));
        assertEquals(ModelFactory.KNOWN, BenchEndToEndCommand.models("all"));
        assertEquals(List.of("lr", "deepmix"), BenchEndToEndCommand.models("lr,deepmix"));
    }
}
