package io.flinkcertify.harness.workload;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalisationTest {

    @Test
    void noneLeavesEveryRecordAsCommitted() {
        assertEquals(" a,b ", Normalisation.NONE.apply(" a,b "));
        assertTrue(Normalisation.NONE.none());
    }

    @Test
    void csvColumnsCountFromOneAndMissingColumnsAreLeftAlone() {
        Normalisation n = new Normalisation(Normalisation.Format.CSV, ";", List.of(2, 9), List.of(), null);
        assertEquals("a;*;c", n.apply("a;b;c"));
        assertEquals("a", n.apply("a"));
        assertThrows(IllegalArgumentException.class,
                () -> new Normalisation(Normalisation.Format.CSV, ",", List.of(0), List.of(), null));
    }

    @Test
    void jsonIgnoresNamedAndNestedFieldsAndKeyOrder() {
        Normalisation n = new Normalisation(Normalisation.Format.JSON, ",", List.of(), List.of("at", "meta.host"), null);
        String one = n.apply("{\"id\":1,\"at\":17,\"meta\":{\"host\":\"a\",\"zone\":\"x\"}}");
        String two = n.apply("{\"meta\":{\"zone\":\"x\",\"host\":\"b\"},\"at\":99,\"id\":1}");
        assertEquals(one, two);
        assertNotEquals(one, n.apply("{\"id\":2,\"at\":17,\"meta\":{\"host\":\"a\",\"zone\":\"x\"}}"));
        assertEquals("not json", n.apply("not json"), "a line that does not parse is compared as written");
    }

    @Test
    void maskReplacesEveryMatchAfterColumns() {
        Normalisation n = new Normalisation(Normalisation.Format.LINES, ",", List.of(), List.of(),
                Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}"));
        assertEquals("order 7 by *", n.apply("order 7 by 123e4567-e89b-12d3-a456-426614174000"));
        assertTrue(n.describe().contains("masked"), n.describe());
    }
}
