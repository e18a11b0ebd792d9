package io.flinkcertify.harness.run;

import io.flinkcertify.harness.evidence.FaultRun;
import io.flinkcertify.harness.evidence.Recovery;
import io.flinkcertify.harness.evidence.TuningAB;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.oracle.RecoveryOracle;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.SyntheticRun;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.targets.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

class TuningComparisonTest {

    private static final Tuning TOLERATE = new Tuning("high-availability.zookeeper.client.tolerate-suspended-connections",
            "false", "true", Fault.of(FaultKind.ZOOKEEPER_SUSPENSION, Role.JOBMANAGER, Duration.ofSeconds(10)), "why");

    @Test
    void theJobsOwnValueIsOneSideAndTheOtherValueTheOther() {
        assertArrayEquals(new String[] {"false", "true"}, TOLERATE.sides(Map.of()), "job on Flink's default");
        assertArrayEquals(new String[] {"true", "false"},
                TOLERATE.sides(Map.of(TOLERATE.setting(), "true")), "job already tuned: compare against the default");
    }

    /** A complete recovery as the recovery oracle reports it. */
    private static Recovery recovered(long restarts, long injectToRunningMs, long injectToCheckpointMs) {
        return Recovery.notMeasured().recovered(injectToRunningMs, injectToRunningMs - 10, injectToCheckpointMs, 0,
                restarts, false, true, 1, 2, 120, null);
    }

    private static FaultRun fault(Recovery recovery, List<String> before, List<String> after, Long revoked) {
        return new FaultRun("zookeeper-suspension", 0, before, Map.of(), revoked, recovery, after, null, null);
    }

    @Test
    void aReplacedJobManagerAndRevocationsAreReadFromTheFaultEvidence() {
        TuningAB.Outcome outcome = TuningComparison.outcome(fault(recovered(0, 25_000, 31_000),
                List.of("jobmanager container_1_0001_01_000001", "taskmanager container_1_0001_01_000002"),
                List.of("taskmanager container_1_0001_01_000002", "jobmanager container_1_0001_02_000001"), 3L));
        assertEquals(1L, outcome.jobManagerReplaced());
        assertEquals(3L, outcome.leadershipRevoked());
        assertEquals(103L, outcome.harm());
    }

    @Test
    void keptJobManagerWithoutRestartsIsHarmless() {
        TuningAB.Outcome outcome = TuningComparison.outcome(fault(recovered(0, 9_000, 12_000),
                List.of("jobmanager a"), List.of("jobmanager a"), null));
        assertEquals(0L, outcome.harm());
        assertTrue(outcome.summary().contains("JobManager replaced false"));
    }

    private static final Tuning LEASE = new Tuning("high-availability.kubernetes.leader-election.lease-duration", "15 s",
            "5 s", Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO), "why")
            .withCompanions(Map.of("high-availability.kubernetes.leader-election.renew-deadline", "4 s"))
            .onlyOn(java.util.Set.of("k8s-emulated"));

    @Test
    void companionsMoveOnlyWithTheAlternative() {
        io.flinkcertify.harness.workload.Workload w = new io.flinkcertify.harness.workload.Workload("j",
                java.nio.file.Path.of("job.jar"), "Main", List.of(), 1, Map.of(), java.util.Set.of(), false,
                Duration.ofSeconds(10), io.flinkcertify.harness.targets.DeploymentMode.APPLICATION, null);
        assertEquals(Map.of(LEASE.setting(), "5 s", "high-availability.kubernetes.leader-election.renew-deadline", "4 s"),
                LEASE.configure(w, "5 s").flinkConfig());
        assertEquals(Map.of(LEASE.setting(), "15 s"), LEASE.configure(w, "15 s").flinkConfig());
        assertTrue(LEASE.appliesTo("k8s-emulated"));
        assertTrue(!LEASE.appliesTo("yarn-mini"));
        assertTrue(TOLERATE.appliesTo("yarn-mini"));
    }

    private static TuningAB.Outcome outcome(long restarts, long runningAfterMs) {
        return new TuningAB.Outcome(restarts, 0L, null, 0L, runningAfterMs, runningAfterMs + 3_000, "held", null);
    }

    /** The same outcome {@code runs} times. */
    private static List<TuningAB.Outcome> runs(int runs, long restarts, long runningAfterMs) {
        return java.util.Collections.nCopies(runs, outcome(restarts, runningAfterMs));
    }

    /** Outcomes with these times until RUNNING again, no harm. */
    private static List<TuningAB.Outcome> downFor(long... runningAfterMs) {
        return java.util.Arrays.stream(runningAfterMs).mapToObj(ms -> outcome(0, ms)).toList();
    }

    @Test
    void theLintSaysFragileOnlyWhenTheOtherValueMeasurablyFaredBetter() {
        String[] sides = {"false", "true"};
        TuningAB.Lint fragile = TuningComparison.finding(TOLERATE, sides, runs(4, 2, 10_000), runs(4, 0, 10_000));
        assertEquals(TuningComparison.FRAGILE, fragile.verdict(), fragile.finding());
        assertTrue(fragile.finding().contains("Mann-Whitney U, two-sided, 4+4 runs, harm p=0.0"), fragile.finding());
        assertEquals(TuningComparison.HOLDS, TuningComparison.finding(TOLERATE, sides, runs(4, 0, 10_000), runs(4, 1, 10_000)).verdict());
        TuningAB.Lint slower = TuningComparison.finding(TOLERATE, sides, downFor(25_000, 24_000, 26_500, 25_200),
                downFor(10_000, 11_000, 9_500, 10_400));
        assertEquals(TuningComparison.FRAGILE, slower.verdict(), "same harm, down much longer every run: " + slower.finding());
        assertTrue(slower.finding().contains("median 25100 ms vs 10200 ms"), slower.finding());
        TuningAB.Lint jitter = TuningComparison.finding(TOLERATE, sides, downFor(11_000, 10_800, 11_300, 10_900),
                downFor(10_000, 10_100, 9_900, 10_200));
        assertEquals(TuningComparison.NO_DIFFERENCE, jitter.verdict(),
                "a second apart, however consistent, is scheduling jitter, not a finding: " + jitter.finding());
        TuningAB.Lint noisy = TuningComparison.finding(TOLERATE, sides, downFor(25_000, 9_000, 26_000, 10_000),
                downFor(10_000, 24_000, 9_500, 25_000));
        assertEquals(TuningComparison.NO_DIFFERENCE, noisy.verdict(), "medians apart by chance: " + noisy.finding());
        assertTrue(noisy.finding().contains("p=1.000") || noisy.finding().matches(".*p=0\\.[1-9].*"), noisy.finding());
    }

    @Test
    void oneRunASideCallsNothingHoweverLargeTheDifference() {
        // the measurement that showed the old lint up: one run a side, a timing difference read as a finding
        String[] sides = {"false", "true"};
        TuningAB.Lint one = TuningComparison.finding(TOLERATE, sides, runs(1, 2, 40_000), runs(1, 0, 10_000));
        assertEquals(TuningComparison.INCONCLUSIVE, one.verdict(), one.finding());
        assertTrue(one.finding().contains("1 run(s) a side cannot call a difference"), one.finding());
        assertTrue(one.finding().contains("--tuning-trials 4"), one.finding());
        assertTrue(one.finding().contains("restarts 2"), "what was seen is still said: " + one.finding());
        assertEquals(TuningComparison.INCONCLUSIVE,
                TuningComparison.finding(TOLERATE, sides, runs(3, 2, 40_000), runs(3, 0, 10_000)).verdict(),
                "three a side cannot reach p < 0.05 either");
    }

    @Test
    void aTestOnIdenticalSamplesFindsNothing() {
        assertEquals(1.0, TuningComparison.pValue(new double[] {5, 5, 5, 5}, new double[] {5, 5, 5, 5}));
        assertTrue(TuningComparison.pValue(new double[] {1, 2, 3, 4}, new double[] {11, 12, 13, 14}) < 0.05);
    }

    /**
     * The lease A/B end to end on a history: a JobManager kill whose leader lock changes hands once, judged by the
     * recovery oracle, compared by the A/B. It once read a ZooKeeper-only path here and reported 0 by construction.
     */
    @Test
    void kubernetesLeadershipIsMeasuredFromTheLeaderLockNotAssumed() {
        SyntheticRun run = new SyntheticRun().deployed(false, 8L, null).phase("jobmanager-kill").running(0, 3)
                .add(new RunEvent.LeaderObserved(1, "jm-pod-a"))
                .at(10).injected("jobmanager-kill", 120_000).at(10).reverted("jobmanager-kill")
                .at(5_000).poll("RESTARTING", 0, 0, 0, 0)
                .add(new RunEvent.LeaderObserved(2, null))
                .at(15_000).add(new RunEvent.LeaderObserved(3, "jm-pod-b")).running(0, 0).at(3_000).running(0, 1);
        Judgement recovery = new RecoveryOracle(Duration.ofSeconds(120)).judge(run.record());
        assertTrue(recovery.passed(), recovery.reason());
        TuningAB.Outcome outcome = TuningComparison.outcome(fault(recovery.evidence(Recovery.class),
                List.of("jobmanager jm-pod-a"), List.of("jobmanager jm-pod-b"), null));
        assertEquals(1L, outcome.leadershipChanges());
        assertTrue(outcome.summary().contains("leadership changed hands 1x"), outcome.summary());
        assertEquals(101L, outcome.harm());
    }

    @Test
    void leadershipATargetCannotObserveIsNotMeasuredRatherThanZero() {
        SyntheticRun run = new SyntheticRun().deployed(false, 8L, null).phase("jobmanager-kill").running(0, 3)
                .at(10).injected("jobmanager-kill", 120_000).at(10).reverted("jobmanager-kill")
                .at(5_000).poll("RESTARTING", 0, 0, 0, 0).at(5_000).running(0, 0).at(3_000).running(0, 1);
        Recovery recovery = new RecoveryOracle(Duration.ofSeconds(120)).judge(run.record()).evidence(Recovery.class);
        assertNull(recovery.leadershipChanges(), recovery.toString());
        TuningAB.Outcome outcome = TuningComparison.outcome(fault(recovery, List.of("jobmanager a"), List.of("jobmanager a"), null));
        assertTrue(outcome.leadershipChanges() == null && outcome.leadershipRevoked() == null, outcome.toString());
        assertTrue(outcome.summary().contains("leadership not measured"));
    }

    @Test
    void aComparisonReadingEvidenceItsFaultDoesNotProduceFails() {
        // a recovery that never reached its checkpoint has no figures to compare: refused, not read as 0
        Recovery incomplete = Recovery.notMeasured().detected(1_000, "RESTARTING");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TuningComparison.outcome(
                fault(incomplete, List.of("jobmanager a"), List.of("jobmanager a"), null)));
        assertTrue(e.getMessage().contains("no complete recovery"), e.getMessage());
        IllegalStateException noInstances = assertThrows(IllegalStateException.class, () -> TuningComparison.outcome(
                fault(recovered(0, 1, 2), List.of("jobmanager a"), null, null)));
        assertTrue(noInstances.getMessage().contains("instances after recovery"), noInstances.getMessage());
    }

    @Test
    void bothSidesLosingTheJobManagerUnderAZooKeeperSuspensionIsInconclusiveNeverHolds() {
        String[] sides = {"false", "true"};
        // measured on yarn-mini with a 5 s session timeout: both replaced, 28.5 s vs 34.1 s back
        TuningAB.Outcome job = new TuningAB.Outcome(0L, 1L, null, 2L, 28_500L, 31_000L, "held", null);
        TuningAB.Outcome other = new TuningAB.Outcome(0L, 1L, null, 0L, 34_100L, 37_000L, "held", null);
        TuningAB.Lint lint = TuningComparison.finding(TOLERATE, sides, java.util.Collections.nCopies(4, job),
                java.util.Collections.nCopies(4, other));
        assertEquals(TuningComparison.INCONCLUSIVE, lint.verdict(), lint.finding());
        assertTrue(lint.finding().contains("session-timeout"), lint.finding());
    }
}
