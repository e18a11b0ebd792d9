package io.flinkcertify.harness.run;

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

class TuningComparisonTest {

    private static final Tuning TOLERATE = new Tuning("high-availability.zookeeper.client.tolerate-suspended-connections",
            "false", "true", Fault.of(FaultKind.ZOOKEEPER_SUSPENSION, Role.JOBMANAGER, Duration.ofSeconds(10)), "why");

    @Test
    void theJobsOwnValueIsOneSideAndTheOtherValueTheOther() {
        assertArrayEquals(new String[] {"false", "true"}, TOLERATE.sides(Map.of()), "job on Flink's default");
        assertArrayEquals(new String[] {"true", "false"},
                TOLERATE.sides(Map.of(TOLERATE.setting(), "true")), "job already tuned: compare against the default");
    }

    @Test
    void aReplacedJobManagerAndRevocationsAreReadFromTheFaultEvidence() {
        Map<String, Object> evidence = Map.of(
                "restarts", 0L,
                "instancesBefore", List.of("jobmanager container_1_0001_01_000001", "taskmanager container_1_0001_01_000002"),
                "instancesAfterRecovery", List.of("taskmanager container_1_0001_01_000002", "jobmanager container_1_0001_02_000001"),
                "injection", Map.of("jobManagerSawWhileSuspended", Map.of("leadershipRevoked", 3L)),
                "injectToRunningMs", 25_000L, "injectToCheckpointMs", 31_000L);
        Map<String, Object> outcome = TuningComparison.Outcome.of(evidence);
        assertEquals(1L, outcome.get("jobManagerReplaced"));
        assertEquals(3L, outcome.get("leadershipRevoked"));
        assertEquals(103L, TuningComparison.Outcome.harm(outcome));
    }

    @Test
    void keptJobManagerWithoutRestartsIsHarmless() {
        Map<String, Object> outcome = TuningComparison.Outcome.of(Map.of(
                "restarts", 0L,
                "instancesBefore", List.of("jobmanager a"),
                "instancesAfterRecovery", List.of("jobmanager a"),
                "injectToRunningMs", 9_000L, "injectToCheckpointMs", 12_000L));
        assertEquals(0L, TuningComparison.Outcome.harm(outcome));
        assertTrue(TuningComparison.Outcome.summary(outcome).contains("JobManager replaced false"));
    }

    private static final Tuning LEASE = new Tuning("high-availability.kubernetes.leader-election.lease-duration", "15 s",
            "5 s", Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO), "why")
            .withCompanions(Map.of("high-availability.kubernetes.leader-election.renew-deadline", "4 s"))
            .onlyOn(java.util.Set.of("k8s-emulated"));

    @Test
    void companionsMoveOnlyWithTheAlternative() {
        io.flinkcertify.harness.workload.Workload w = new io.flinkcertify.harness.workload.Workload("j",
                java.nio.file.Path.of("job.jar"), "Main", List.of(), 1, Map.of(), java.util.Set.of(), false,
                Duration.ofSeconds(10), io.flinkcertify.harness.targets.DeploymentMode.APPLICATION);
        assertEquals(Map.of(LEASE.setting(), "5 s", "high-availability.kubernetes.leader-election.renew-deadline", "4 s"),
                LEASE.configure(w, "5 s").flinkConfig());
        assertEquals(Map.of(LEASE.setting(), "15 s"), LEASE.configure(w, "15 s").flinkConfig());
        assertTrue(LEASE.appliesTo("k8s-emulated"));
        assertTrue(!LEASE.appliesTo("yarn-mini"));
        assertTrue(TOLERATE.appliesTo("yarn-mini"));
    }

    private static Map<String, Object> outcome(long restarts, long runningAfterMs) {
        return Map.of("restarts", restarts, "jobManagerReplaced", 0L, "leadershipRevoked", 0L, "injectToRunningMs", runningAfterMs);
    }

    @Test
    void theLintSaysFragileOnlyWhenTheOtherValueMeasurablyFaredBetter() {
        String[] sides = {"false", "true"};
        assertEquals(TuningComparison.FRAGILE, TuningComparison.finding(TOLERATE, sides, outcome(2, 10_000), outcome(0, 10_000)).lint());
        assertEquals(TuningComparison.HOLDS, TuningComparison.finding(TOLERATE, sides, outcome(0, 10_000), outcome(1, 10_000)).lint());
        assertEquals(TuningComparison.FRAGILE, TuningComparison.finding(TOLERATE, sides, outcome(0, 25_000), outcome(0, 10_000)).lint(),
                "same harm, down much longer");
        assertEquals(TuningComparison.NO_DIFFERENCE, TuningComparison.finding(TOLERATE, sides, outcome(0, 11_000), outcome(0, 10_000)).lint(),
                "a second apart is scheduling jitter, not a finding");
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
        Map<String, Object> evidence = new java.util.LinkedHashMap<>(recovery.evidence());
        evidence.put("instancesBefore", List.of("jobmanager jm-pod-a"));
        evidence.put("instancesAfterRecovery", List.of("jobmanager jm-pod-b"));
        Map<String, Object> outcome = TuningComparison.Outcome.of(evidence);
        assertEquals(1L, outcome.get("leadershipChanges"));
        assertTrue(TuningComparison.Outcome.summary(outcome).contains("leadership changed hands 1x"),
                TuningComparison.Outcome.summary(outcome));
        assertEquals(101L, TuningComparison.Outcome.harm(outcome));
    }

    @Test
    void leadershipATargetCannotObserveIsNotMeasuredRatherThanZero() {
        SyntheticRun run = new SyntheticRun().deployed(false, 8L, null).phase("jobmanager-kill").running(0, 3)
                .at(10).injected("jobmanager-kill", 120_000).at(10).reverted("jobmanager-kill")
                .at(5_000).poll("RESTARTING", 0, 0, 0, 0).at(5_000).running(0, 0).at(3_000).running(0, 1);
        Map<String, Object> evidence = new java.util.LinkedHashMap<>(
                new RecoveryOracle(Duration.ofSeconds(120)).judge(run.record()).evidence());
        assertFalse(evidence.containsKey("leadershipChanges"), evidence.toString());
        evidence.put("instancesBefore", List.of("jobmanager a"));
        evidence.put("instancesAfterRecovery", List.of("jobmanager a"));
        Map<String, Object> outcome = TuningComparison.Outcome.of(evidence);
        assertFalse(outcome.containsKey("leadershipChanges") || outcome.containsKey("leadershipRevoked"), outcome.toString());
        assertTrue(TuningComparison.Outcome.summary(outcome).contains("leadership not measured"));
    }

    @Test
    void aComparisonReadingEvidenceItsFaultDoesNotProduceFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TuningComparison.Outcome.of(Map.of(
                "restarts", 0L, "instancesBefore", List.of(), "instancesAfterRecovery", List.of(),
                "injectToRunningMs", 1L)));
        assertTrue(e.getMessage().contains("injectToCheckpointMs"), e.getMessage());
    }
}
