package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.capacity.Capacity;
import io.flinkcertify.harness.capacity.CapacitySearch;
import io.flinkcertify.harness.capacity.SustainCriteria;
import io.flinkcertify.harness.evidence.PerformanceComparison;
import io.flinkcertify.harness.evidence.PerformanceComparison.Outcome;
import io.flinkcertify.harness.evidence.SearchedCapacity;
import io.flinkcertify.harness.record.RunRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capacity read back from synthetic trial records, and compared across targets. */
class CapacityOracleTest {

    private final CapacityOracle oracle = new CapacityOracle(SustainCriteria.DEFAULTS);

    /** A capacity trial: offered {@code offered}, the source kept {@code min(offered, limit)}, back-pressured above it. */
    private static RunRecord trial(double offered, double limit, double cores) {
        boolean over = offered > limit;
        return PerformanceOracleTest.window(CapacityOracle.PHASE, offered, Math.min(offered, limit), cores, 6, over ? 0.7 : 0.02);
    }

    /** A search on synthetic deployments of a job that keeps up to {@code limit} records/s. */
    private static List<RunRecord> search(double limit, double cores, List<Capacity> outcome) {
        List<RunRecord> records = new ArrayList<>();
        Capacity c = new CapacitySearch(SustainCriteria.DEFAULTS, 1, 1_000_000, 5).searchBelowCeiling(rate -> {
            RunRecord r = trial(rate, limit, cores);
            records.add(r);
            return CapacityOracle.trial(r).orElseThrow().trial();
        });
        outcome.add(c);
        return records;
    }

    @Test
    void aTrialIsReadFromItsRecordAndAPerformanceTrialIsNotOne() {
        CapacityOracle.Measured m = CapacityOracle.trial(trial(5000, 3000, 1.5)).orElseThrow();
        assertEquals(5000, m.trial().offeredRate());
        assertEquals(3000, m.trial().achievedRate(), 1e-6, "the slope of the counter over the capacity window");
        assertEquals(0.7, m.trial().maxBackPressureRatio(), 1e-9);
        assertEquals(5, m.trial().checkpointsCompleted(), "completed inside the window (3 -> 8), not over the job's life");
        assertTrue(CapacityOracle.trial(PerformanceOracleTest.window(ThroughputOracle.PHASE, null, 400, 0.5, 6, 0.0)).isEmpty());
    }

    @Test
    void theSearchOnRecordsIsProvenAndTheRecordsAloneGiveTheSameCapacity() {
        List<Capacity> outcome = new ArrayList<>();
        List<RunRecord> records = search(4000, 1.6, outcome);
        Capacity.Found found = assertInstanceOf(Capacity.Found.class, outcome.get(0));
        assertTrue(found.rate() <= 4000 && 4000 < found.failedAbove().trial().offeredRate(), found.toString());

        Judgement j = oracle.judge("--rate", found, records);
        assertTrue(j.passed(), j.reason());
        SearchedCapacity evidence = j.evidence(SearchedCapacity.class);
        assertEquals(found.rate() / 1.6, evidence.recordsPerSecondPerCore(), found.rate() * 1e-6, "per core at capacity");
        assertTrue(evidence.headline().startsWith("capacity=" + Math.round(found.rate())), evidence.headline());

        CapacityOracle.Proven proven = oracle.proven(records).orElseThrow();
        assertEquals(found.rate(), proven.rate(), "re-derived from the records, whatever order the search took");
        assertEquals(found.failedAbove().trial().offeredRate(), proven.failedAt());
    }

    @Test
    void theAchievedRateIsTheCountersSlopeNotAMedianOfStaleIntervals() {
        // the counter seen up to a second stale at alternate polls: intervals swing between 1000 and 3000 records/s,
        // their median can sit anywhere; the slope over the window is the 2000 the source kept
        io.flinkcertify.harness.record.SyntheticRun run = new io.flinkcertify.harness.record.SyntheticRun().phase(CapacityOracle.PHASE);
        long count = 0;
        for (int i = 0; i < 10; i++) {
            run.flowing(count + (i % 2 == 1 ? -1000 : 0), 1 + i).at(2_000);
            count += 4_000;
        }
        assertEquals(2000, CapacityOracle.achieved(run.record().polls(CapacityOracle.PHASE)), 120);
    }

    @Test
    void withoutAFailedStepAboveItNoCapacityIsProven() {
        // two sustained trials, nothing that failed at 1.25x either of them
        assertTrue(oracle.proven(List.of(trial(1000, 5000, 1), trial(2000, 5000, 1))).isEmpty());
    }

    @Test
    void aJobThatKeepsNothingFailsNamingWhy() {
        Judgement j = oracle.judge("--rate", new Capacity.NotSustainedAtMinimum(1, List.of(new Capacity.JudgedTrial(
                new io.flinkcertify.harness.capacity.RateTrial(1, 0, 0, 0, 0), false, "source kept 0.0 % of the offered rate"))), List.of());
        assertFalse(j.passed());
        assertTrue(j.reason().contains("did not sustain even 1 records/s"), j.reason());
    }

    @Test
    void capacityIsComparedOverTheSearchBracketAndGatesEfficiencyAtSaturation() {
        List<RunRecord> yarn = new ArrayList<>(List.of(PerformanceOracleTest.window(ThroughputOracle.PHASE, null, 400, 0.4, 5, 0.02)));
        yarn.addAll(search(10_000, 1.8, new ArrayList<>()));
        // half the capacity at the same cores: worse beyond the bracket; a little less idle-efficient at 400/s too
        List<RunRecord> slow = new ArrayList<>(List.of(PerformanceOracleTest.window(ThroughputOracle.PHASE, null, 400, 0.6, 5, 0.02)));
        slow.addAll(search(5_000, 1.8, new ArrayList<>()));
        Judgement j = new PerformanceOracle(PerformanceOracle.Thresholds.DEFAULTS).judge("yarn-mini", yarn, "k8s-emulated", slow, null);
        assertFalse(j.passed());
        PerformanceComparison c = j.evidence(PerformanceComparison.class);
        assertEquals(Outcome.WORSE, metric(c, "capacity-records-per-second").outcome());
        assertTrue(metric(c, "capacity-records-per-second").high() < 1, "even the bracket's kindest end is below YARN's");
        assertEquals(Outcome.WORSE, metric(c, "records-per-second-per-core-at-capacity").outcome());
        PerformanceComparison.Metric atRate = metric(c, "records-per-second-per-core");
        assertEquals(0.0, atRate.threshold(), "at the job's own rate efficiency is reported, not gated, once both sides were saturated");
        assertTrue(atRate.ratio() < 0.9, "and it is lower: " + atRate.ratio());

        // capacities one search step apart are inside the bracket: not a finding
        List<RunRecord> close = new ArrayList<>(List.of(PerformanceOracleTest.window(ThroughputOracle.PHASE, null, 400, 0.4, 5, 0.02)));
        close.addAll(search(9_000, 1.8, new ArrayList<>()));
        Judgement near = new PerformanceOracle(PerformanceOracle.Thresholds.DEFAULTS).judge("yarn-mini", yarn, "k8s-emulated", close, null);
        assertFalse(metric(near.evidence(PerformanceComparison.class), "capacity-records-per-second").outcome() == Outcome.WORSE);
    }

    /** A capacity window at {@code offered} whose source kept {@code achieved} on {@code cores}. */
    private static RunRecord window(double offered, double achieved, double cores) {
        boolean kept = achieved >= 0.97 * offered;
        return PerformanceOracleTest.window(CapacityOracle.PHASE, offered, achieved, cores, 6, kept ? 0.02 : 0.7);
    }

    /** The ceiling trial, a rate kept under it with its failed 1.25x step above, and a kept rate far below. */
    private static List<RunRecord> searched(double keptCores, double failedCores, double ceilingCores) {
        return List.of(window(1_000_000, 4_300, ceilingCores), window(4_000, 4_000, keptCores),
                window(5_000, 4_200, failedCores), window(2_000, 2_000, 1.0));
    }

    @Test
    void efficiencyAtSaturationIsReadFromEveryWindowAtOrPastTheCapacityAndNoneBelowIt() {
        CapacityOracle.Proven p = oracle.proven(searched(2.0, 2.0, 2.0)).orElseThrow();
        assertEquals(4_000, p.rate());
        List<Double> perCore = p.perCoreAtSaturation().stream().map(Math::round).map(Long::doubleValue).sorted().toList();
        assertEquals(List.of(2_000.0, 2_100.0, 2_150.0), perCore,
                "the kept window, the failed step and the ceiling; not the 2,000 records/s on 1 core far below");
    }

    @Test
    void aCapacityWorseOnlyWhereTheBracketsAreUnkindIsNoiseAndOneWorseEvenAtTheirKindestEndIsWorse() {
        // measured: k8s-emulated kept 44,433/s and failed 55,541/s, yarn-mini kept 60,249/s and failed 75,311/s
        io.flinkcertify.harness.evidence.Spread yarn = new io.flinkcertify.harness.evidence.Spread(1, 60_249, 60_249, 75_311, null, List.of(60_249.0));
        PerformanceComparison.Metric reaches = PerformanceOracle.compare("capacity-records-per-second", "records/s",
                PerformanceComparison.Direction.HIGHER_IS_BETTER, 0.9, yarn,
                new io.flinkcertify.harness.evidence.Spread(1, 44_433, 44_433, 55_541, null, List.of(44_433.0)));
        assertEquals(0.74, reaches.ratio(), 0.01);
        assertEquals(0.92, reaches.high(), 0.01);
        assertEquals(Outcome.NOISE, reaches.outcome(), "the bracket reaches 0.92x: not shown beyond 0.9x");

        PerformanceComparison.Metric beyond = PerformanceOracle.compare("capacity-records-per-second", "records/s",
                PerformanceComparison.Direction.HIGHER_IS_BETTER, 0.9, yarn,
                new io.flinkcertify.harness.evidence.Spread(1, 42_000, 42_000, 52_500, null, List.of(42_000.0)));
        assertEquals(Outcome.WORSE, beyond.outcome(), "0.87x at the kindest end: " + beyond);
    }

    @Test
    void windowsFarUnderTheCeilingAreNotSaturationEvenWhenTheyFailedTheRate() {
        // the search landed low: 3,400/s failed by keeping 96.5 % (3,281/s, 76 % of the 4,300/s ceiling) and
        // 2,720/s was kept; both ran with cores to spare, so only the ceiling's window speaks of saturation
        List<RunRecord> low = List.of(window(1_000_000, 4_300, 2.0), window(2_720, 2_720, 1.6), window(3_400, 3_281, 1.8));
        CapacityOracle.Proven p = oracle.proven(low).orElseThrow();
        assertEquals(2_720, p.rate());
        assertEquals(List.of(2_150.0), p.perCoreAtSaturation().stream().map(Math::round).map(Long::doubleValue).toList());
    }

    @Test
    void oneSaturatedWindowThatWentBadlyIsNotATargetLessEfficient() {
        List<RunRecord> yarn = new ArrayList<>(List.of(PerformanceOracleTest.window(ThroughputOracle.PHASE, null, 400, 0.4, 5, 0.02)));
        yarn.addAll(searched(2.0, 2.0, 2.0));
        // k8s's window at the capacity used 2.35 cores (0.85x), its other two saturated windows what YARN's did
        List<RunRecord> oneBad = new ArrayList<>(List.of(PerformanceOracleTest.window(ThroughputOracle.PHASE, null, 400, 0.4, 5, 0.02)));
        oneBad.addAll(searched(2.35, 2.0, 2.0));
        PerformanceComparison.Metric perCore = metric(new PerformanceOracle(PerformanceOracle.Thresholds.DEFAULTS)
                .judge("yarn-mini", yarn, "k8s-emulated", oneBad, null).evidence(PerformanceComparison.class),
                "records-per-second-per-core-at-capacity");
        assertEquals(3, perCore.targetTrials().n());
        assertTrue(perCore.outcome() != Outcome.WORSE, perCore.toString());

        // every saturated window needing 1.25x the cores is a target less efficient
        List<RunRecord> allBad = new ArrayList<>(List.of(PerformanceOracleTest.window(ThroughputOracle.PHASE, null, 400, 0.4, 5, 0.02)));
        allBad.addAll(searched(2.5, 2.5, 2.5));
        Judgement j = new PerformanceOracle(PerformanceOracle.Thresholds.DEFAULTS).judge("yarn-mini", yarn, "k8s-emulated", allBad, null);
        assertEquals(Outcome.WORSE, metric(j.evidence(PerformanceComparison.class), "records-per-second-per-core-at-capacity").outcome());
        assertFalse(j.passed());
    }

    private static PerformanceComparison.Metric metric(PerformanceComparison c, String name) {
        return c.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
