package io.flinkcertify.harness.run;

import io.flinkcertify.harness.oracle.Judgement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacitySearchesTest {

    private final List<String> trials = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();

    /** A search of {@code steps} trials per target (yarn-mini 3, k8s-emulated 2), logged as they run. */
    private CapacitySearches.Search search(Map<String, Integer> steps) {
        return (target, turns) -> {
            started.incrementAndGet();
            for (int i = 1; i <= steps.get(target); i++) {
                int trial = i;
                turns.inTurn(target, () -> trials.add(target + " " + trial));
            }
            return Judgement.fail(target + " searched");
        };
    }

    @Test
    void aJobsSearchesOnItsTargetsAlternateTrialByTrialAndEachCheckGetsItsOwnJudgement() throws Exception {
        CapacitySearches searches = new CapacitySearches(Map.of("job", List.of("yarn-mini", "k8s-emulated")));
        CapacitySearches.Search search = search(Map.of("yarn-mini", 3, "k8s-emulated", 2));

        assertEquals("yarn-mini searched", searches.judge("job", "yarn-mini", search).reason());
        assertEquals("k8s-emulated searched", searches.judge("job", "k8s-emulated", search).reason());
        assertEquals(List.of("yarn-mini 1", "k8s-emulated 1", "yarn-mini 2", "k8s-emulated 2", "yarn-mini 3"), trials);
        assertEquals(2, started.get(), "one search per target, started by the first check");
    }

    @Test
    void aTargetTheRunDoesNotSearchWithOthersIsSearchedAlone() throws Exception {
        // a rerun of the failed k8s-emulated capacity check: yarn-mini's search is not run again
        CapacitySearches searches = new CapacitySearches(Map.of("job", List.of("k8s-emulated")));
        searches.judge("job", "k8s-emulated", search(Map.of("k8s-emulated", 2)));
        assertEquals(List.of("k8s-emulated 1", "k8s-emulated 2"), trials);
        assertEquals(1, started.get());
    }

    @Test
    void aSearchThatFailsFailsItsOwnCheckAndLetsTheOtherGoOn() throws Exception {
        CapacitySearches searches = new CapacitySearches(Map.of("job", List.of("yarn-mini", "k8s-emulated")));
        CapacitySearches.Search search = (target, turns) -> {
            if (target.equals("yarn-mini")) {
                throw new IllegalStateException("capacity trial at 1000000 records/s: no cluster");
            }
            turns.inTurn(target, () -> trials.add(target));
            return Judgement.fail(target + " searched");
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> searches.judge("job", "yarn-mini", search));
        assertTrue(e.getMessage().contains("no cluster"), e.getMessage());
        assertEquals("k8s-emulated searched", searches.judge("job", "k8s-emulated", search).reason());
        assertFalse(trials.isEmpty());
    }
}
