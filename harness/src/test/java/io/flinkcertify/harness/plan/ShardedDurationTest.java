package io.flinkcertify.harness.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardedDurationTest {

    private static final List<Long> COSTS = List.of(300_000L, 650_000L);

    @Test
    void oneRunnerTakesEveryJobOneAfterAnotherPlusItsSetup() {
        ShardedDuration d = ShardedDuration.of(COSTS, 10, 1, 60_000, 30_000);
        assertEquals(60_000 + 5 * 300_000 + 5 * 650_000, d.makespanMs(), "no merge with one runner");
        assertEquals(0.0, d.imbalance(), 1e-12);
    }

    @Test
    void moreRunnersAreNeverFasterThanAPerfectBalanceAndTheSlowestRunnerDecides() {
        for (int runners : new int[] {2, 10, 50}) {
            ShardedDuration d = ShardedDuration.of(COSTS, 1000, runners, 60_000, 30_000);
            assertEquals(runners, d.perRunnerMs().size());
            assertEquals(d.perRunnerMs().stream().mapToLong(Long::longValue).max().getAsLong() + 30_000, d.makespanMs());
            assertTrue(d.makespanMs() >= d.idealMs(), runners + " runners: " + d);
            long work = d.perRunnerMs().stream().mapToLong(ms -> ms - 60_000).sum();
            assertEquals(500L * 300_000 + 500L * 650_000, work, "every job on exactly one runner");
        }
    }

    @Test
    void hashShardingSpreadsJobsLikeAFairDrawNoWorse() {
        // a hash shard is stable under reordering, not balanced: each runner's share of 1000 jobs varies like a
        // binomial draw (sd sqrt((N-1)/jobs) relative), so the slowest runner lies within three sd of the ideal
        for (int runners : new int[] {10, 50}) {
            ShardedDuration d = ShardedDuration.of(COSTS, 1000, runners, 0, 0);
            double bound = 3 * Math.sqrt((runners - 1) / 1000.0);
            assertTrue(d.imbalance() < bound, runners + " runners: slowest " + d.makespanMs() + " ms vs ideal "
                    + d.idealMs() + " ms, imbalance " + d.imbalance() + " >= " + bound);
        }
    }

    @Test
    void noMeasuredCostIsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ShardedDuration.of(List.of(), 10, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ShardedDuration.of(COSTS, 10, 0, 0, 0));
    }
}
