package io.flinkcertify.harness.run;

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
                "injectToRunningMs", 25_000L);
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
                "instancesAfterRecovery", List.of("jobmanager a")));
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
}
