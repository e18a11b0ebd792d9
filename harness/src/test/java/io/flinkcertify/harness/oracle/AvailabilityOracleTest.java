package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.Availability;
import io.flinkcertify.harness.probe.JobSnapshot;
import io.flinkcertify.harness.probe.JobSnapshot.Checkpoints;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvailabilityOracleTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final long T0 = 1_700_000_000_000L;

    private final AvailabilityOracle oracle = new AvailabilityOracle();

    private static JobSnapshot snapshot(String state, long restarts, long checkpointsCompleted, long atMillis) {
        Checkpoints cp = new Checkpoints(checkpointsCompleted, 0, 0, 0, checkpointsCompleted - 1, null);
        List<JobSnapshot.Vertex> vertices = List.of(new JobSnapshot.Vertex("source", "RUNNING", 2, 2, 0, 0, 100));
        return new JobSnapshot("job-1", state, restarts, cp, vertices, atMillis);
    }

    /** One poll per second over the whole window, all RUNNING, no restart, a checkpoint per second. */
    private static List<JobSnapshot> healthy() {
        List<JobSnapshot> timeline = new ArrayList<>();
        for (int s = 0; s <= WINDOW.toSeconds(); s++) {
            timeline.add(snapshot("RUNNING", 0, s, T0 + s * 1000L));
        }
        return timeline;
    }

    @Test
    void healthyTimelinePasses() {
        Judgement j = oracle.judge(healthy(), WINDOW);

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertNull(j.reason());
        assertEquals(6, j.evidence(Availability.class).polls());
        assertEquals(0L, j.evidence(Availability.class).pollsNotRunning());
        assertEquals(0L, j.evidence(Availability.class).restarts());
        assertEquals(5L, j.evidence(Availability.class).checkpointsCompleted());
        assertEquals(5.0, j.evidence(Availability.class).observedSeconds());
        assertEquals("RUNNING", j.evidence(Availability.class).finalState());
    }

    @Test
    void restartInsideTheWindowIsCounted() {
        List<JobSnapshot> timeline = healthy();
        // numRestarts went 1 -> 3 during the window (1 happened before the window and does not count)
        for (int i = 0; i < timeline.size(); i++) {
            JobSnapshot s = timeline.get(i);
            timeline.set(i, snapshot("RUNNING", i < 3 ? 1 : 3, s.checkpoints().completed(), s.polledAtMillis()));
        }

        Judgement j = oracle.judge(timeline, WINDOW);

        assertFalse(j.passed());
        assertEquals("2 restart(s) inside the window", j.reason());
        assertEquals(2L, j.evidence(Availability.class).restarts());
    }

    @Test
    void restartMetricNotYetReportedCountsFromZero() {
        List<JobSnapshot> timeline = healthy();
        JobSnapshot first = timeline.get(0);
        timeline.set(0, snapshot("RUNNING", -1, 0, first.polledAtMillis()));

        Judgement j = oracle.judge(timeline, WINDOW);

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertEquals(0L, j.evidence(Availability.class).restarts());
    }

    @Test
    void pollThatSawTheJobNotRunningFails() {
        List<JobSnapshot> timeline = healthy();
        JobSnapshot s = timeline.get(2);
        timeline.set(2, snapshot("RESTARTING", 0, s.checkpoints().completed(), s.polledAtMillis()));

        Judgement j = oracle.judge(timeline, WINDOW);

        assertFalse(j.passed());
        assertEquals("1 of 6 polls saw the job not RUNNING", j.reason());
        assertEquals(1L, j.evidence(Availability.class).pollsNotRunning());
    }

    @Test
    void noCompletedCheckpointFails() {
        List<JobSnapshot> timeline = new ArrayList<>();
        for (int s = 0; s <= WINDOW.toSeconds(); s++) {
            timeline.add(snapshot("RUNNING", 0, 0, T0 + s * 1000L));
        }

        Judgement j = oracle.judge(timeline, WINDOW);

        assertFalse(j.passed());
        assertEquals("no checkpoint completed", j.reason());
        assertEquals(0L, j.evidence(Availability.class).checkpointsCompleted());
    }

    @Test
    void severalProblemsAreAllReportedOnOneLine() {
        List<JobSnapshot> timeline = List.of(
                snapshot("RUNNING", 0, 0, T0),
                snapshot("FAILING", 1, 0, T0 + 2500),
                snapshot("RUNNING", 1, 0, T0 + 5000));

        Judgement j = oracle.judge(timeline, WINDOW);

        assertFalse(j.passed());
        assertEquals("1 of 3 polls saw the job not RUNNING; 1 restart(s) inside the window; no checkpoint completed",
                j.reason());
    }

    @Test
    void observingLessThanTheWindowFails() {
        List<JobSnapshot> timeline = healthy().subList(0, 3); // 2 s of a 5 s window

        Judgement j = oracle.judge(timeline, WINDOW);

        assertFalse(j.passed());
        assertEquals("observed only 2.0 s of the 5 s window", j.reason());
    }

    @Test
    void boundedJobThatFinishedInsideTheWindowPasses() {
        List<JobSnapshot> timeline = List.of(
                snapshot("RUNNING", 0, 1, T0),
                snapshot("RUNNING", 0, 2, T0 + 1000),
                snapshot("FINISHED", 0, 3, T0 + 2000));

        Judgement j = oracle.judge(timeline, WINDOW);

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertEquals("FINISHED", j.evidence(Availability.class).finalState());
    }

    @Test
    void emptyTimelineFails() {
        Judgement j = oracle.judge(List.of(), WINDOW);

        assertFalse(j.passed());
        assertEquals("no probe of the job was taken", j.reason());
    }

    @Test
    void aJobWithoutCheckpointingIsJudgedOnStayingUpNotOnCheckpointsItNeverTakes() {
        List<JobSnapshot> timeline = new ArrayList<>();
        for (int s = 0; s <= WINDOW.toSeconds(); s++) {
            timeline.add(snapshot("RUNNING", 0, 0, T0 + s * 1000L));
        }
        assertFalse(oracle.judge(timeline, WINDOW).passed(), "a checkpointing job must complete one");
        Judgement off = oracle.judge(timeline, WINDOW, false);
        assertTrue(off.passed(), off.reason());
        timeline.set(3, snapshot("RESTARTING", 1, 0, T0 + 3000L));
        assertFalse(oracle.judge(timeline, WINDOW, false).passed(), "staying up is still judged");
    }
}
