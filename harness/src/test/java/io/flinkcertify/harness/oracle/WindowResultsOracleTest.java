package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.WindowResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window-results oracle on crafted outputs of a generator small enough to count by hand. */
class WindowResultsOracleTest {

    @TempDir
    Path dir;

    // one key, 20 events 100 ms apart, 1 s windows; i=3 and i=13 are 1200 ms late, i=7 and i=17 150 ms out of order:
    // window -1000 holds {3}; window 0 holds {0,1,2,4,5,6,7,8,9,13}; window 1000 holds {10,11,12,14,...,19}
    private static final List<String> BOUNDED = List.of("--keys", "1", "--records", "20", "--step-ms", "100",
            "--epoch-ms", "0");

    private Judgement judge(List<String> args, String... lines) throws IOException {
        Files.write(dir.resolve("part-0-0"), List.of(lines));
        return new WindowResultsOracle(WindowResultsOracle.Generator.fromArgs(args)).judge(dir);
    }

    @Test
    void theLastFiringOfEveryWindowHoldsEveryEventLateOnesIncluded() throws IOException {
        Judgement j = judge(BOUNDED, "k0,0,9", "k0,-1000,1", "k0,1000,9", "k0,0,10");
        assertTrue(j.passed(), j.reason());
        WindowResults e = (WindowResults) j.evidence();
        assertEquals(3, e.windowsExpected());
        assertEquals(4, e.firings());
        assertEquals(1, e.lateFirings(), "the late event fired window 0 a second time");
    }

    @Test
    void aLostLateEventAMissingWindowAndADoubleCountAreEachNamed() throws IOException {
        Judgement lostLate = judge(BOUNDED, "k0,0,9", "k0,-1000,1", "k0,1000,9");
        assertFalse(lostLate.passed());
        assertTrue(lostLate.reason().contains("k0@0: 9 != 10"), lostLate.reason());

        Judgement missing = judge(BOUNDED, "k0,0,10", "k0,1000,9");
        assertTrue(missing.reason().contains("1 window(s) missing (first: k0@-1000 (1 events))"), missing.reason());

        Judgement twice = judge(BOUNDED, "k0,0,10", "k0,-1000,1", "k0,1000,9", "k0,1000,10");
        assertTrue(twice.reason().contains("counted more events"), twice.reason());

        Judgement invented = judge(BOUNDED, "k0,0,10", "k0,-1000,1", "k0,1000,9", "k1,0,1", "garbage");
        assertTrue(invented.reason().contains("1 window(s) no event falls in"), invented.reason());
        assertTrue(invented.reason().contains("garbage"), invented.reason());
    }

    @Test
    void aCancelledRunIsJudgedOnTheWindowsOldEnoughToBeComplete() throws IOException {
        List<String> unbounded = List.of("--keys", "1", "--records", "-1", "--step-ms", "100", "--epoch-ms", "0");
        // window 3000 fired, so windows up to 3000 + 200 - 1200 = 2000 have all their events; window 3000 may grow
        Judgement cut = judge(unbounded, "k0,-1000,1", "k0,0,10", "k0,1000,10", "k0,2000,10", "k0,3000,9");
        assertTrue(cut.passed(), cut.reason());
        assertEquals(4, ((WindowResults) cut.evidence()).windowsExpected());
        Judgement short2000 = judge(unbounded, "k0,-1000,1", "k0,0,10", "k0,1000,10", "k0,2000,9", "k0,3000,9");
        assertFalse(short2000.passed(), "window 2000 is complete and must hold all 10 events");
        Judgement over = judge(unbounded, "k0,-1000,1", "k0,0,10", "k0,1000,10", "k0,2000,10", "k0,3000,11");
        assertFalse(over.passed(), "even a window that may still grow cannot hold more than it has");
        assertFalse(judge(unbounded).passed(), "nothing committed");
    }

    @Test
    void byDefaultEveryEventAndWindowLiesAfterTheEpoch() {
        WindowResultsOracle.Generator g = WindowResultsOracle.Generator.fromArgs(List.of("--records", "100"));
        assertEquals(10_000L, g.epochMs());
        // the first late event, 1.2 s before its neighbours, is the earliest: 10,000 + 30 - 1,200
        assertEquals(8_830L, g.eventTime(3));
        assertEquals(8_000L, g.windowStart(g.eventTime(3)));
    }
}
