package dev.streamrec.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExampleCodecTest {

    private static Example example() {
        final SparseFeatures categorical = new SparseFeatures(4);
        categorical.add(0, 1f, 0);
        categorical.add(1_048_575, 0.25f, 3);
        categorical.add(17, -2f, 1);
        final SparseFeatures numeric = new SparseFeatures(2);
        numeric.add(5, 1e-3f, 5);
        return new Example(Task.CLICK, 1.0, "usér-😀", "", -3L, categorical, numeric);
    }

    @Test
    void shouldRoundTripEveryField() {
        final Example example = example();
        final Example back = ExampleCodec.decode(ExampleCodec.encode(example));
        assertEquals(example, back);
        assertEquals(ExampleCodec.FORMAT_VERSION, ExampleCodec.encode(example)[0]);
    }

    @Test
    void shouldRoundTripIdsFarLongerThanAnyFieldLimit() {
        final Example e = example();
        final Example huge = new Example(Task.RATING, 5.0, "ж".repeat(200_000), "\uD83C\uDFAC".repeat(100_000),
            e.eventTime(), e.categorical(), e.numeric());
        assertEquals(huge, ExampleCodec.decode(ExampleCodec.encode(huge)));
    }

    @Test
    void shouldRoundTripExamplesWithoutFeatures() {
        final Example empty = new Example(Task.RATING, 3.5, "u", "i", 0L, new SparseFeatures(8),
            new SparseFeatures(1));
        assertEquals(empty, ExampleCodec.decode(ExampleCodec.encode(empty)));
    }

    @Test
    void shouldDecodeASliceOfALargerArray() {
        final byte[] body = ExampleCodec.encode(example());
        final byte[] framed = new byte[body.length + 3];
        System.arraycopy(body, 0, framed, 2, body.length);
        assertEquals(example(), ExampleCodec.decode(framed, 2, body.length));
    }

    @Test
    void shouldRejectAnUnknownVersionNamingBoth() {
        final byte[] bytes = ExampleCodec.encode(example());
        bytes[0] = 7;
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ExampleCodec.decode(bytes));
        assertTrue(error.getMessage().contains("version 7") && error.getMessage().contains("version 1"),
            error.getMessage());
    }

    @Test
    void shouldRejectTruncatedAndTrailingBytes() {
        final byte[] bytes = ExampleCodec.encode(example());
        assertThrows(IllegalArgumentException.class, () -> ExampleCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> ExampleCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> ExampleCodec.decode(new byte[0]));
    }
}
