package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed evidence serialises to the keys verdict.json had when evidence was a map (wave 1), so reports and CI
 * scripts reading verdict.json see the same shape. A renamed record component fails here, not in a user's script.
 */
class EvidenceShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> written(Evidence e) {
        return JSON.convertValue(e, Map.class);
    }

    private static Set<String> keys(Evidence e) {
        return new LinkedHashSet<>(written(e).keySet());
    }

    private static final Recovery RECOVERED = Recovery.notMeasured().detected(12_050, "state=RESTARTING")
            .recovered(18_050, 18_000, 22_050, 1, 1, false, true, 3, 5, 120, null);

    @Test
    void deploymentWritesTheTargetFactsBesideItsMeasurements() {
        Deployment d = new Deployment("abc", null, 9_000, 4_000, 2, "RUNNING", 2, Map.of("rest", "http://127.0.0.1:1"));
        assertEquals(Set.of("jobId", "targetStartMs", "submitToRunningMs", "tasksRunning", "stateAtDeploy",
                "parallelism", "rest"), keys(d));
        assertEquals("submitToRunningMs=4000 jobId=abc", d.headline());
    }

    @Test
    void checkpointAvailabilityAndFinishKeepTheirKeys() {
        assertEquals(Set.of("checkpointsCompleted", "checkpointsFailed", "waitedMs", "latestCheckpointId"),
                keys(new FirstCheckpoint(1, 0, 2_000, 1)));
        assertEquals(Set.of("windowSeconds", "observedSeconds", "polls", "pollsNotRunning", "restarts",
                        "checkpointsCompleted", "checkpointsFailed", "finalState"),
                keys(new Availability(30, 30.2, 31, 0, 0, 6, 0, "RUNNING")));
        Finish f = new Finish("FINISHED", 3_000, 0, 4, Map.of("Source", new Finish.VertexRecords(0, 10)), Map.of());
        assertEquals(Set.of("finalState", "waitedMs", "restarts", "checkpointsCompleted", "recordsPerVertex", "target"), keys(f));
        assertEquals(Map.of("Source", Map.of("in", 0L, "out", 10L)), written(f).get("recordsPerVertex"));
    }

    @Test
    void aFaultRunFlattensItsRecoveryAndOmitsWhatWasNotMeasured() {
        FaultRun run = new FaultRun("taskmanager-kill of taskmanager 1", 0, List.of("jobmanager a"), Map.of("pid", 1),
                2L, RECOVERED, List.of("jobmanager a"), null, null)
                .withSchedule(new FaultRun.SchedulePosition(7, 1, 8));
        assertEquals(Set.of("fault", "waitedForVictimMs", "instancesBefore", "injection", "killToFailureDetectedMs",
                "stateWhenDetected", "injectToRunningMs", "revertToRunningMs", "injectToCheckpointMs",
                "checkpointsFailed", "restarts", "restartCounterReset", "resumedFromCheckpoint", "checkpointBefore",
                "checkpointAfterRecovery", "graceSeconds", "instancesAfterRecovery", "schedule"), keys(run),
                "leadership not observed and no after-recovery facts: absent, not 0; revocations are typed only");
        assertEquals(Map.of("seed", 7L, "position", 1, "of", 8), written(run).get("schedule"));
        assertEquals("injectToRunningMs=18050 restarts=1", run.headline());
        FaultRun failedEarly = new FaultRun("jobmanager-kill", 0, List.of(), Map.of(), null,
                Recovery.notMeasured(), List.of(), null, null);
        assertEquals(Set.of("fault", "waitedForVictimMs", "instancesBefore", "injection", "instancesAfterRecovery"),
                keys(failedEarly));
    }

    @Test
    void exactlyOnceListsOffendersOnlyWhenThereAreAny() {
        ExactlyOnce clean = new ExactlyOnce(2, 10, 3, 10L, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of());
        assertEquals(Set.of("committedFiles", "recordsVerified", "keys", "recordsExpected", "gaps", "repeats",
                "outOfOrder", "stateMismatches"), keys(clean));
        ExactlyOnce gap = new ExactlyOnce(2, 9, 3, null, 1, 0, 0, 0,
                Map.of("k0", new ExactlyOnce.Offenders(1, List.of(4L))), Map.of(), Map.of(), Map.of(), List.of(), List.of("k2"));
        assertEquals(Map.of("k0", Map.of("count", 1L, "first", List.of(4L))), written(gap).get("gapsByKey"));
        assertTrue(keys(gap).contains("missingKeys") && !keys(gap).contains("recordsExpected"), keys(gap).toString());
    }

    @Test
    void equivalenceNamesEachSideByItsTarget() {
        Equivalence e = new Equivalence(new Equivalence.Side("yarn-mini", 3, 1, List.of("k0,1,2")),
                new Equivalence.Side("k8s-emulated", 2, 0, List.of()), 3, null, null)
                .withRuns(new Equivalence.RunFacts("yarn-mini", "a", "FINISHED"),
                        new Equivalence.RunFacts("k8s-emulated", "b", "FINISHED"));
        assertEquals(Set.of("yarn-miniRecords", "k8s-emulatedRecords", "distinctRecords", "onlyYarn-mini",
                "onlyK8s-emulated", "firstOnlyYarn-mini", "runs"), keys(e));
        assertEquals(Map.of("target", "yarn-mini", "jobId", "a", "finalState", "FINISHED"),
                ((Map<?, ?>) written(e).get("runs")).get("left"));
    }

    @Test
    void aSavepointMoveCarriesTheExactlyOnceFiguresOfTheWholeOutput() {
        ExactlyOnce once = new ExactlyOnce(4, 10, 3, 10L, 0, 0, 0, 0, null, null, null, null, null, null);
        SavepointMove move = new SavepointMove("yarn-mini", 333.0, "file:/sp", 3_400, 2_100, "k8s-emulated", 5_000, once);
        Set<String> keys = keys(move);
        assertTrue(keys.containsAll(List.of("from", "pacedRate", "savepoint", "sourceRecordsBeforeStop", "stopMs", "to",
                "restoreToRunningMs", "recordsVerified", "gaps", "stateMismatches")), keys.toString());
    }

    @Test
    void aComparisonWritesEachSideUnderTheValueItRanWith() {
        TuningAB.Outcome job = new TuningAB.Outcome(1L, 0L, null, 2L, 20_000L, 25_000L, "held", null);
        TuningAB.Outcome other = new TuningAB.Outcome(0L, 0L, null, 0L, 10_000L, 15_000L, "held", null);
        TuningAB ab = new TuningAB("heartbeat.timeout", "taskmanager-freeze", "10 s", Map.of(), List.of(job), List.of(other),
                "50 s", "10 s", new TuningAB.Lint("50 s", "10 s", "fragile", "50 s leaves the job fragile"));
        Map<String, Object> w = written(ab);
        assertEquals(Set.of("setting", "fault", "jobValue", "otherValue", "job: heartbeat.timeout=50 s",
                "other: heartbeat.timeout=10 s", "lint", "finding"), w.keySet());
        assertEquals("fragile", w.get("lint"));
        List<?> runs = (List<?>) w.get("job: heartbeat.timeout=50 s");
        assertEquals(1, runs.size(), "one outcome per run");
        assertEquals(Set.of("restarts", "jobManagerReplaced", "leadershipRevoked", "injectToRunningMs",
                "injectToCheckpointMs", "exactlyOnce"), ((Map<?, ?>) runs.get(0)).keySet());
        assertEquals(Map.of(), written(Evidence.none()));
    }
}
