package io.flinkcertify.harness.metric;

import io.flinkcertify.harness.metric.Change.Classification;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeDetectorTest {

    private final ChangeDetector detector = new ChangeDetector(DetectorSettings.DEFAULTS);

    private static List<Double> noisy(RandomGenerator random, int n, double mean, double cv) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(mean * (1 + cv * random.nextGaussian()));
        }
        return values;
    }

    private static List<BaselineRun> history(RandomGenerator random, int runs, int trials, double mean) {
        List<BaselineRun> history = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            history.add(new BaselineRun("run-" + r, "2026-01-01T00:00:00Z", null, null, noisy(random, trials, mean, 0.05)));
        }
        return history;
    }

    private static MetricSamples now(Metric metric, List<Double> values) {
        return new MetricSamples("wordcount", "k8s-emulated", "1.20.1", null, null, new Samples(metric, values));
    }

    @Test
    void aTenPercentThroughputDropAgainstAShortHistoryIsARegressionWithItsFigures() {
        RandomGenerator random = new Well19937c(42);
        Change c = detector.detect(now(Metric.THROUGHPUT_PER_CORE, noisy(random, 5, 9_000, 0.05)), history(random, 3, 5, 10_000));
        assertEquals(Classification.REGRESSION, c.classification(), c.line());
        assertEquals(ChangeDetector.MANN_WHITNEY, c.test());
        assertEquals(15, c.oldN());
        assertEquals(5, c.newN());
        assertTrue(c.pValue() < 0.05, c.line());
        assertTrue(c.relativePercent() < -4, c.line());
        assertTrue(c.newInterval().low() <= c.newMedian() && c.newMedian() <= c.newInterval().high());
    }

    @Test
    void theSameDropOnALowerIsBetterMetricIsAnImprovement() {
        RandomGenerator random = new Well19937c(42);
        Change c = detector.detect(now(Metric.RECOVERY_MS, noisy(random, 5, 9_000, 0.05)), history(random, 3, 5, 10_000));
        assertEquals(Classification.IMPROVEMENT, c.classification(), c.line());
    }

    @Test
    void seededStepAndNoStepSeriesMostlyDecidedRight() {
        RandomGenerator random = new Well19937c(7);
        int flagged = 0;
        int falseAlarms = 0;
        for (int i = 0; i < 200; i++) {
            List<BaselineRun> history = history(random, 3, 5, 10_000);
            flagged += detector.detect(now(Metric.THROUGHPUT_PER_CORE, noisy(random, 5, 9_000, 0.05)), history).isRegression() ? 1 : 0;
            falseAlarms += detector.detect(now(Metric.THROUGHPUT_PER_CORE, noisy(random, 5, 10_000, 0.05)), history).isRegression() ? 1 : 0;
        }
        assertTrue(flagged >= 180, "10 % drops flagged: " + flagged + " of 200");
        assertTrue(falseAlarms <= 16, "false alarms: " + falseAlarms + " of 200");
    }

    @Test
    void aSignificantButTinyShiftIsNoise() {
        // no spread at all makes any shift significant; 1 % is below the 4 % floor
        List<BaselineRun> history = List.of(new BaselineRun("r", "2026-01-01T00:00:00Z", null, null,
                List.of(100.0, 100.1, 99.9, 100.05, 99.95, 100.02)));
        Change c = detector.detect(now(Metric.THROUGHPUT_PER_CORE, List.of(99.0, 99.1, 98.9, 99.05, 98.95)), history);
        assertEquals(Classification.NOISE, c.classification(), c.line());
        assertTrue(c.pValue() < 0.05 && c.reason().contains("minimum effect"), c.line());
    }

    @Test
    void twoSlowBaselineTrialsDoNotRaiseTheMinimumEffectOverASlowdownTheTestFinds() {
        // the regression demonstration's k8s baseline in shape: 13 tight trials around 302 and two slow ones, whose
        // plain CV (6.3 %) would call a 5 % slowdown noise; the robust CV leaves the bar at the 4 % floor
        List<Double> baseline = List.of(302.0, 305.0, 299.0, 308.0, 296.0, 303.0, 300.0, 306.0, 298.0, 304.0, 301.0,
                307.0, 297.0, 240.0, 272.0);
        assertTrue(Summary.of(baseline).cv() > 0.055, "plain CV " + Summary.of(baseline).cv());
        assertTrue(DetectorSettings.robustCv(baseline) < 0.03, "robust CV " + DetectorSettings.robustCv(baseline));
        List<BaselineRun> history = List.of(new BaselineRun("r", "2026-01-01T00:00:00Z", null, null, baseline));
        Change slower = detector.detect(now(Metric.THROUGHPUT_PER_CORE, List.of(286.0, 289.0, 284.0, 291.0, 287.0)),
                history);
        assertEquals(Classification.REGRESSION, slower.classification(), slower.line());
        assertEquals(4.0, slower.minEffectPercent(), 1e-9, slower.line());

        Change same = detector.detect(now(Metric.THROUGHPUT_PER_CORE, List.of(299.0, 303.0, 296.0, 305.0, 301.0)),
                history);
        assertEquals(Classification.NOISE, same.classification(), same.line());
    }

    @Test
    void theRobustSpreadOfNormalNoiseIsItsCv() {
        List<Double> values = noisy(new Well19937c(11), 2_000, 1_000, 0.05);
        assertEquals(0.05, DetectorSettings.robustCv(values), 0.004);
        assertEquals(0, DetectorSettings.robustCv(List.of(5.0)));
    }

    @Test
    void tooFewSamplesOrNoBaselineIsSaidAsSuch() {
        Change none = detector.detect(now(Metric.CAPACITY, List.of(1.0, 2.0, 3.0, 4.0)), List.of());
        assertEquals(Classification.INSUFFICIENT_DATA, none.classification());
        assertTrue(none.reason().contains("no baseline"), none.reason());
        assertNull(none.pValue());

        List<BaselineRun> history = List.of(new BaselineRun("r", "2026-01-01T00:00:00Z", null, null, List.of(1.0, 2.0, 3.0, 4.0)));
        Change few = detector.detect(now(Metric.CAPACITY, List.of(1.0, 2.0, 3.0)), history);
        assertEquals(Classification.INSUFFICIENT_DATA, few.classification());
        assertTrue(few.reason().contains("at least 4"), few.reason());
    }

    @Test
    void aLongHistoryUsesChangePointsAndFlagsAStepAtThisRunOnly() {
        RandomGenerator random = new Well19937c(3);
        List<BaselineRun> history = history(random, 10, 12, 10_000);
        Change step = detector.detect(now(Metric.THROUGHPUT_PER_CORE, noisy(random, 12, 9_000, 0.05)), history);
        assertEquals(ChangeDetector.E_DIVISIVE, step.test());
        assertEquals(Classification.REGRESSION, step.classification(), step.line());
        assertTrue(step.pValue() <= 0.001, step.line());

        Change same = detector.detect(now(Metric.THROUGHPUT_PER_CORE, noisy(random, 12, 10_000, 0.05)), history);
        assertEquals(Classification.NOISE, same.classification(), same.line());
    }

    @Test
    void anOldChangePointIsNotThisRunsRegression() {
        RandomGenerator random = new Well19937c(5);
        List<BaselineRun> history = new ArrayList<>(history(random, 5, 8, 10_000));
        history.addAll(history(random, 5, 8, 8_000)); // the drop happened five runs ago and was accepted since
        Change c = detector.detect(now(Metric.THROUGHPUT_PER_CORE, noisy(random, 8, 8_000, 0.05)), history);
        assertEquals(Classification.NOISE, c.classification(), c.line());
        assertEquals(8_000, c.oldMedian(), 400, "compared with the regime since the change: " + c.line());
    }

    @Test
    void hodgesLehmannIsTheMedianPairwiseDifference() {
        assertEquals(-2.0, ChangeDetector.hodgesLehmann(List.of(10.0, 11.0, 12.0), List.of(8.0, 9.0, 10.0)));
    }
}
