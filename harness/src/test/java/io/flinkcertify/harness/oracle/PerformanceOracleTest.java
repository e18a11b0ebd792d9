package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.PerformanceComparison;
import io.flinkcertify.harness.evidence.PerformanceComparison.Outcome;
import io.flinkcertify.harness.evidence.Spread;
import io.flinkcertify.harness.evidence.Throughput;
import io.flinkcertify.harness.oracle.PerformanceOracle.Trial;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunEvent.UsageSampled.InstanceUsage;
import io.flinkcertify.harness.record.RunRecord;
import io.flinkcertify.harness.record.SyntheticRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throughput and performance oracles judged on synthetic records, as Jepsen tests its checkers. */
class PerformanceOracleTest {

    /**
     * A trial: a window of {@code samples} polls {@code 2 s} apart with the source's counter growing at {@code rate}
     * records/s (Flink's 60 s meter lagging at a third of it) and the cluster using {@code cores}.
     */
    private static RunRecord trial(double rate, double cores, int samples) {
        return window(ThroughputOracle.PHASE, null, rate, cores, samples, 0.02);
    }

    /**
     * A load window recorded under {@code phase}: for a capacity trial ({@code offered} not null) the record names
     * the rate its job was given, and the source achieves {@code rate} of it with the worst subtask back-pressured
     * {@code backPressure} of the time.
     */
    static RunRecord window(String phase, Double offered, double rate, double cores, int samples, double backPressure) {
        SyntheticRun run = new SyntheticRun();
        if (offered != null) {
            run.add(new RunEvent.RateOffered(run.now(), "--rate", offered));
        }
        run.deployed(false, 4L, null).phase("first-checkpoint").running(0, 1).phase(phase);
        run.add(usage(run.now(), phase, null, cores, 300L << 20)).flowing(10_000, 3);
        for (int i = 0; i < samples; i++) {
            run.at(2_000);
            run.flowing(10_000 + (long) (rate * 2 * (i + 1)), 3 + i);
            run.add(new RunEvent.LoadSampled(run.now(), phase, rate / 3, backPressure, 0.3));
            run.add(usage(run.now(), phase, cores, cores, (300L << 20) + i));
        }
        run.add(new RunEvent.CheckpointsSampled(run.now(), 12, 0, 80.0, 250.0, 300.0, 4096.0, 8192.0, 0.0));
        return run.record();
    }

    /**
     * Two instances sharing the cores half and half; the stack around them runs {@code stackCores} (the job's) plus
     * a steady 0.25 cores of its own.
     */
    private static RunEvent usage(long at, String phase, Double cores, Double stackCores, long rss) {
        return new RunEvent.UsageSampled(at, phase, List.of(
                new InstanceUsage("jobmanager", "jm", 10, 1.0, cores == null ? null : cores / 2, rss, rss),
                new InstanceUsage("taskmanager", "tm-1", 11, 1.0, cores == null ? null : cores / 2, rss, rss)), 3L << 30,
                stackCores == null ? null : at / 1000.0 * (stackCores + 0.25));
    }

    @Test
    void throughputIsTheSourcesRateOverTheCoresTheClusterUsed() {
        Judgement j = new ThroughputOracle().judge(trial(400, 0.5, 8));
        assertTrue(j.passed(), j.reason());
        Throughput t = j.evidence(Throughput.class);
        assertEquals(400, t.recordsPerSecond().median(), 1e-9, "from the counter, not the lagging meter");
        assertEquals(0.5, t.coresUsed().median(), 1e-9, "both instances' cores summed per sample; the first (no interval) left out");
        assertEquals(800, t.recordsPerSecondPerCore(), 1e-9);
        assertEquals(8, t.coresUsed().n());
        assertEquals(0.25, t.besideJobCores().median(), 1e-9, "the stack's cores less the job's, per interval");
        assertEquals(8, t.besideJobCores().n());
        assertEquals(250.0, t.checkpoints().endToEndP99Ms());
        assertEquals(3L << 30, t.stackPeakRssBytes());
    }

    @Test
    void aWindowTooShortOrWithoutRecordsIsNoMeasurement() {
        assertFalse(new ThroughputOracle().judge(trial(400, 0.5, 2)).passed(), "two samples are not a sustained rate");
        Judgement idle = new ThroughputOracle().judge(trial(0, 0.5, 5));
        assertFalse(idle.passed());
        assertTrue(idle.reason().contains("no record"), idle.reason());
    }

    @Test
    void aTargetFarWorseThanTheTrialsSpreadIsWorseAndOneInsideItIsNot() {
        List<RunRecord> yarn = List.of(trial(400, 0.40, 5), trial(400, 0.42, 5), trial(400, 0.44, 5));
        List<RunRecord> slow = List.of(trial(400, 0.80, 5), trial(400, 0.82, 5), trial(400, 0.84, 5));
        Judgement worse = new PerformanceOracle(PerformanceOracle.Thresholds.DEFAULTS)
                .judge("yarn-mini", yarn, "k8s-emulated", slow, "kubernetes.taskmanager.cpu.amount: 0.5");
        assertFalse(worse.passed());
        PerformanceComparison c = worse.evidence(PerformanceComparison.class);
        PerformanceComparison.Metric perCore = c.metrics().stream()
                .filter(m -> m.name().equals("records-per-second-per-core")).findFirst().orElseThrow();
        assertEquals(Outcome.WORSE, perCore.outcome());
        assertEquals(0.5, perCore.ratio(), 0.02);
        assertTrue(perCore.high() < 1, "even the kindest pairing of trials is worse");
        assertTrue(worse.reason().contains("records-per-second-per-core"), worse.reason());
        assertEquals("kubernetes.taskmanager.cpu.amount: 0.5", c.recommendation());

        // the same medians but trials spread so wide that the difference is inside the noise
        List<RunRecord> noisy = List.of(trial(400, 0.30, 5), trial(400, 0.80, 5), trial(400, 0.90, 5));
        Judgement noise = new PerformanceOracle(PerformanceOracle.Thresholds.DEFAULTS)
                .judge("yarn-mini", yarn, "k8s-emulated", noisy, null);
        PerformanceComparison.Metric noisyPerCore = noise.evidence(PerformanceComparison.class).metrics().stream()
                .filter(m -> m.name().equals("records-per-second-per-core")).findFirst().orElseThrow();
        assertEquals(Outcome.NOISE, noisyPerCore.outcome());
        assertTrue(noise.passed(), "noise is not a failure: " + noise.reason());
    }

    @Test
    void figuresATrialDoesNotHaveAreNotMeasuredNotZero() {
        List<RunRecord> runs = List.of(trial(400, 0.4, 5), trial(410, 0.4, 5));
        Judgement j = new PerformanceOracle(PerformanceOracle.Thresholds.DEFAULTS).judge("yarn-mini", runs, "yarn-mini", runs, null);
        assertTrue(j.passed(), j.reason());
        PerformanceComparison.Metric recovery = j.evidence(PerformanceComparison.class).metrics().stream()
                .filter(m -> m.name().equals("recovery-to-running-ms")).findFirst().orElseThrow();
        assertEquals(Outcome.NOT_MEASURED, recovery.outcome(), "no TaskManager loss in these trials");
        assertNull(recovery.ratio());
        PerformanceComparison.Metric launch = j.evidence(PerformanceComparison.class).metrics().stream()
                .filter(m -> m.name().equals("launch-ms")).findFirst().orElseThrow();
        assertNotNull(launch.baselineTrials());
        assertEquals(13_000, launch.baselineTrials().median(), 1e-9, "cluster start + submit -> RUNNING");
    }

    @Test
    void noTrialOnASideIsAFailureNamingIt() {
        Judgement j = new PerformanceOracle(PerformanceOracle.Thresholds.DEFAULTS)
                .judge("yarn-mini", List.of(trial(400, 0.4, 5)), "k8s-emulated", List.of(), null);
        assertFalse(j.passed());
        assertTrue(j.reason().contains("k8s-emulated"), j.reason());
    }

    @Test
    void eachFaultOfATrialIsJudgedOnItsOwnSegment() {
        // a TaskManager loss back to RUNNING in 6 s, then a JobManager failover that takes 20 s
        SyntheticRun run = new SyntheticRun().deployed(false, 4L, null).phase("recovery").running(0, 5);
        run.at(1_000).injected("taskmanager-kill", 120_000).reverted("taskmanager-kill");
        run.at(2_000).poll("RESTARTING", 0, 1, 5, 0).at(4_000).running(1, 5).at(2_000).running(1, 6);
        run.phase("jobmanager-failover").at(1_000).injected("jobmanager-kill", 120_000).reverted("jobmanager-kill");
        run.at(5_000).poll("RESTARTING", 0, 0, 6, 0).at(15_000).running(0, 6).at(3_000).running(0, 7);
        RunRecord record = run.record();

        io.flinkcertify.harness.evidence.Recovery tm = PerformanceOracle.recovery(record,
                io.flinkcertify.harness.fault.FaultKind.TASKMANAGER_KILL);
        io.flinkcertify.harness.evidence.Recovery jm = PerformanceOracle.recovery(record,
                io.flinkcertify.harness.fault.FaultKind.JOBMANAGER_KILL);
        assertEquals(6_000, tm.injectToRunningMs(), "the TaskManager loss alone, not the failover after it");
        assertEquals(20_000, jm.injectToRunningMs());
        assertNull(PerformanceOracle.recovery(record, io.flinkcertify.harness.fault.FaultKind.ZOOKEEPER_SUSPENSION));
    }

    @Test
    void aTimeTwiceAsLongButUnderASecondApartIsNotAFinding() {
        List<Trial> base = List.of(new Trial(44.0, null, null, null, null), new Trial(47.0, null, null, null, null), new Trial(43.0, null, null, null, null));
        List<Trial> other = List.of(new Trial(94.0, null, null, null, null), new Trial(89.0, null, null, null, null), new Trial(95.0, null, null, null, null));
        PerformanceComparison.Metric m = PerformanceOracle.metric("checkpoint-p50-ms", "ms",
                PerformanceComparison.Direction.LOWER_IS_BETTER, 1.5, base, other, Trial::launchMs);
        assertEquals(Outcome.WITHIN, m.outcome(), "2.1x but 50 ms: " + m);
        List<Trial> slow = List.of(new Trial(3_000.0, null, null, null, null), new Trial(3_100.0, null, null, null, null), new Trial(2_900.0, null, null, null, null));
        assertEquals(Outcome.WORSE, PerformanceOracle.metric("launch-ms", "ms", PerformanceComparison.Direction.LOWER_IS_BETTER,
                1.5, List.of(new Trial(1_000.0, null, null, null, null), new Trial(1_100.0, null, null, null, null)), slow, Trial::launchMs).outcome());
    }

    @Test
    void aFigureReadOnceOnASideHasNoSpreadToBeBeyond() {
        // perf run of 2026-12-03: one yarn-mini window at saturation against two of k8s-emulated's, 0.78x (0.77..0.79)
        Spread once = Spread.of(List.of(49_657.0));
        Spread twice = Spread.of(List.of(38_305.0, 39_121.0));
        PerformanceComparison.Metric m = PerformanceOracle.compare("records-per-second-per-core-at-capacity",
                "records/s/core", PerformanceComparison.Direction.HIGHER_IS_BETTER, 0.9, once, twice);
        assertEquals(Outcome.NOISE, m.outcome(), m.toString());
        assertEquals(Outcome.WITHIN, PerformanceOracle.compare("x", "records/s/core",
                PerformanceComparison.Direction.HIGHER_IS_BETTER, 0.9, twice, once).outcome(), "nor BETTER");
        // two readings a side that agree among themselves and differ by 0.78x are a finding
        Spread twiceYarn = Spread.of(List.of(49_657.0, 50_100.0));
        assertEquals(Outcome.WORSE, PerformanceOracle.compare("records-per-second-per-core-at-capacity",
                "records/s/core", PerformanceComparison.Direction.HIGHER_IS_BETTER, 0.9, twiceYarn, twice).outcome());
    }
}
