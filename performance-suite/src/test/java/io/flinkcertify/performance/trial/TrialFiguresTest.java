package io.flinkcertify.performance.trial;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialFiguresTest {

    @Test
    void medianRangeAndCoefficientOfVariation() {
        TrialFigures f = TrialFigures.of("records/s", List.of(10, 13, 11, 9, 12));
        assertEquals(5, f.n());
        assertEquals(11, f.median(), 1e-9);
        assertEquals(9, f.min(), 1e-9);
        assertEquals(13, f.max(), 1e-9);
        // sample standard deviation sqrt(10 / 4) over the mean 11
        assertEquals(Math.sqrt(2.5) / 11, f.cv(), 1e-9);
        assertTrue(f.covers(12.5));
        assertFalse(f.covers(13.5));
    }

    @Test
    void oneTrialHasNoSpreadToReport() {
        assertTrue(Double.isNaN(TrialFigures.of("s", List.of(4.2)).cv()));
    }

    @Test
    void noTrialsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> TrialFigures.of("s", List.of()));
    }
}
