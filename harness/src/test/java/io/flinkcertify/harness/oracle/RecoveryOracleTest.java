package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.Recovery;
import io.flinkcertify.harness.record.SyntheticRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recovery oracle on hand-built histories: each way a recovery can fail, and the figures of one that passed. */
class RecoveryOracleTest {

    private final RecoveryOracle oracle = new RecoveryOracle(Duration.ofSeconds(120));

    /** Running with 3 checkpoints, a TaskManager killed; the job notices, restarts, runs, checkpoints. */
    private static SyntheticRun killed() {
        return new SyntheticRun().deployed(false, 8L, null).phase("taskmanager-kill")
                .running(0, 3)
                .at(100).injected("taskmanager-kill", 120_000)
                .at(50).reverted("taskmanager-kill");
    }

    @Test
    void killRecoveredIsTimedFromTheRecord() {
        SyntheticRun run = killed().at(2_000).running(0, 3)          // REST still shows the old tasks
                .at(10_000).poll("RESTARTING", 0, 1, 3, 0)           // noticed
                .at(6_000).running(1, 3)                             // all RUNNING
                .at(4_000).poll("RUNNING", 4, 1, 4, 1);              // the first checkpoint after recovery
        Judgement j = oracle.judge(run.record());
        assertTrue(j.passed(), j.reason());
        assertEquals(12_050L, j.evidence(Recovery.class).killToFailureDetectedMs());
        assertEquals(18_050L, j.evidence(Recovery.class).injectToRunningMs());
        assertEquals(18_000L, j.evidence(Recovery.class).revertToRunningMs());
        assertEquals(22_050L, j.evidence(Recovery.class).injectToCheckpointMs());
        assertEquals(1L, j.evidence(Recovery.class).restarts());
        assertEquals(1L, j.evidence(Recovery.class).checkpointsFailed());
        assertEquals(true, j.evidence(Recovery.class).resumedFromCheckpoint());
        assertEquals(false, j.evidence(Recovery.class).restartCounterReset());
    }

    @Test
    void aKillTheJobNeverNoticedFails() {
        SyntheticRun run = killed().at(2_000).running(0, 4).at(2_000).running(0, 5);
        Judgement j = oracle.judge(run.record());
        assertFalse(j.passed());
        assertTrue(j.reason().startsWith("the job never noticed taskmanager-kill"), j.reason());
    }

    @Test
    void tasksNotRunningWithinGraceFails() {
        SyntheticRun run = killed().at(1_000).poll("RESTARTING", 0, 1, 3, 0).at(121_000).running(1, 3).at(1_000).running(1, 4);
        Judgement j = oracle.judge(run.record());
        assertFalse(j.passed());
        assertTrue(j.reason().startsWith("not all tasks RUNNING within 120 s"), j.reason());
    }

    @Test
    void runningWithoutACheckpointFails() {
        // a frozen TaskManager keeps its tasks RUNNING: the checkpoint is what proves progress
        SyntheticRun run = new SyntheticRun().deployed(false, 8L, null).phase("freeze").running(0, 3)
                .at(10).injected("freeze", 120_000).at(10_000).reverted("freeze")
                .at(1_000).running(0, 3).at(119_000).running(0, 3).at(2_000).running(0, 4);
        Judgement j = oracle.judge(run.record());
        assertFalse(j.passed());
        assertTrue(j.reason().startsWith("no checkpoint completed within 120 s"), j.reason());
    }

    @Test
    void freezeNeedsNoDisruptionToRecover() {
        SyntheticRun run = new SyntheticRun().deployed(false, 8L, null).phase("freeze").running(0, 3)
                .at(10).injected("freeze", 120_000).at(10_000).reverted("freeze")
                .at(500).running(0, 3).at(3_000).running(0, 4);
        Judgement j = oracle.judge(run.record());
        assertTrue(j.passed(), j.reason());
        assertEquals(10_500L, j.evidence(Recovery.class).injectToRunningMs());
        assertEquals(0L, j.evidence(Recovery.class).restarts());
    }

    @Test
    void jobManagerFailoverResetsTheRestartCounter() {
        SyntheticRun run = new SyntheticRun().deployed(false, 8L, null).phase("jobmanager-kill").running(2, 5)
                .at(10).injected("jobmanager-kill", 120_000).at(10).reverted("jobmanager-kill")
                .at(20_000).poll("RESTARTING", 0, 0, 0, 0).at(5_000).running(0, 0).at(3_000).running(0, 1);
        Judgement j = oracle.judge(run.record());
        assertTrue(j.passed(), j.reason());
        assertEquals(true, j.evidence(Recovery.class).restartCounterReset());
        assertEquals(0L, j.evidence(Recovery.class).restarts());
    }

    @Test
    void noFaultOrNoRevertOrNoBaselineFails() {
        assertFalse(oracle.judge(new SyntheticRun().running(0, 1).record()).passed());
        assertFalse(oracle.judge(new SyntheticRun().running(0, 1).injected("freeze", 1).running(0, 2).record()).passed());
        assertFalse(oracle.judge(new SyntheticRun().injected("freeze", 1).reverted("freeze").running(0, 2).record()).passed());
    }

    @Test
    void aRestartCounterAheadOfTheCachedTaskViewIsNotARecovery() {
        // measured on k8s-emulated: the counter says restarted at +180 ms while the cached view shows the old tasks
        // RUNNING until +1.5 s, when they are seen down; they run again at +9 s, checkpoint at +12 s
        SyntheticRun run = new SyntheticRun().deployed(false, 4L, null).phase("taskmanager-kill").running(0, 33)
                .at(1_400).injected("taskmanager-kill", 120_000).at(2).reverted("taskmanager-kill")
                .at(178).running(1, 33).at(400).running(1, 33).at(900).running(1, 33)
                .at(20).poll("RUNNING", 0, 1, 34, 0).at(7_500).running(1, 34).at(3_000).running(1, 35);
        Judgement j = new RecoveryOracle(Duration.ofSeconds(120)).judge(run.record());
        assertTrue(j.passed(), j.reason());
        Recovery r = j.evidence(Recovery.class);
        assertEquals(180L, r.killToFailureDetectedMs(), "the counter still dates the failure");
        assertEquals(9_000L, r.injectToRunningMs(), "RUNNING only after the tasks were seen down, not the stale view at +180 ms");
        assertEquals(12_000L, r.injectToCheckpointMs());
    }

    @Test
    void aStaleViewThatNeverShowsTheTasksDownCountsOnlyOnceItHasRefreshed() {
        SyntheticRun run = new SyntheticRun().deployed(false, 4L, null).phase("taskmanager-kill").running(0, 3)
                .at(10).injected("taskmanager-kill", 120_000).at(10).reverted("taskmanager-kill")
                .at(200).running(1, 3).at(1_000).running(1, 3).at(2_500).running(1, 3).at(1_000).running(1, 4);
        Recovery r = new RecoveryOracle(Duration.ofSeconds(120)).judge(run.record()).evidence(Recovery.class);
        assertEquals(3_710L, r.injectToRunningMs(), "the first RUNNING poll 3 s after the counter moved");
    }
}
