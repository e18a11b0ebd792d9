package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.capacity.SustainCriteria;
import io.flinkcertify.harness.evidence.PerformanceComparison;
import io.flinkcertify.harness.evidence.PerformanceComparison.Direction;
import io.flinkcertify.harness.evidence.PerformanceComparison.Metric;
import io.flinkcertify.harness.evidence.PerformanceComparison.Outcome;
import io.flinkcertify.harness.evidence.Recovery;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.evidence.Spread;
import io.flinkcertify.harness.evidence.Throughput;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A target's performance against the baseline target's, from the trials of both in one certification (never a
 * figure from another day). Each trial is one deployment whose record holds a throughput window and, after it, a
 * TaskManager loss. A metric is WORSE only when even the most favourable pairing of trials (the interval's near
 * end) is past its threshold, the way a non-inferiority test reads a margin: a ratio of medians past the threshold
 * whose interval still reaches it is NOISE (the data do not decide), and so is any difference inside the spread.
 */
public final class PerformanceOracle {

    /** Thresholds (Kubernetes over YARN): throughput per core and capacity at least 0.9x, times at most 1.5x. */
    public record Thresholds(double throughputPerCore, double launch, double recovery, double checkpoint) {
        public static final Thresholds DEFAULTS = new Thresholds(0.9, 1.5, 1.5, 1.5);
    }

    /** The threshold of a metric that is reported but never a finding (no ratio is below it). */
    static final double AT_RATE_NOT_GATED = 0.0;

    /** The smallest difference of medians, per unit, that can be a finding at all. */
    static final java.util.Map<String, Double> MIN_DIFFERENCE = java.util.Map.of("ms", 1_000.0);

    /** What one trial measured: its TaskManager loss's recovery and its JobManager failover's, where complete. */
    record Trial(Double launchMs, Throughput throughput, Recovery recovery, Recovery failover, RunEvent.Restored restore) {}

    private final Thresholds thresholds;

    public PerformanceOracle(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The trials of a job on a target: its runs that measured a throughput window. */
    static List<Trial> trials(List<RunRecord> runs) {
        List<Trial> trials = new ArrayList<>();
        for (RunRecord run : runs) {
            Judgement throughput = new ThroughputOracle().judge(run);
            if (!(throughput.evidence() instanceof Throughput t)) {
                continue; // not a performance run (or a window with too few samples): not a trial
            }
            Double launch = run.last(RunEvent.Deployed.class)
                    .map(d -> (double) (d.targetStartMs() + d.submitToRunningMs())).orElse(null);
            trials.add(new Trial(launch, t, recovery(run, FaultKind.TASKMANAGER_KILL), recovery(run, FaultKind.JOBMANAGER_KILL),
                    run.last(RunEvent.Restored.class).orElse(null)));
        }
        return trials;
    }

    /**
     * The complete recovery from the run's first fault of {@code kind}, judged on the record up to the next fault
     * (each fault's recovery is its own: a later fault's restarts are not the earlier one's); null where none.
     */
    static Recovery recovery(RunRecord run, FaultKind kind) {
        List<RunEvent.FaultInjected> faults = run.all(RunEvent.FaultInjected.class).toList();
        for (int i = 0; i < faults.size(); i++) {
            if (!faults.get(i).kind().equals(kind.label())) {
                continue;
            }
            RunRecord segment = i + 1 < faults.size() ? run.upTo(faults.get(i + 1)) : run;
            return new RecoveryOracle(java.time.Duration.ofMillis(faults.get(i).graceMs())).judge(segment).evidence()
                    instanceof Recovery r && r.complete() ? r : null;
        }
        return null;
    }

    /**
     * Every figure of the runs' trials by metric name (the names of {@link PerformanceComparison.Metric}), a trial
     * that lacks a figure leaving it out: what a baseline stores and the regression detector compares.
     */
    public static java.util.Map<String, List<Double>> trialFigures(List<RunRecord> runs) {
        List<Trial> trials = trials(runs);
        java.util.Map<String, List<Double>> figures = new java.util.LinkedHashMap<>();
        for (Metric m : List.of(
                metric("records-per-second-per-core", "", Direction.HIGHER_IS_BETTER, 1, trials, trials, t -> t.throughput().recordsPerSecondPerCore()),
                metric("launch-ms", "", Direction.LOWER_IS_BETTER, 1, trials, trials, Trial::launchMs),
                metric("recovery-to-running-ms", "", Direction.LOWER_IS_BETTER, 1, trials, trials,
                        t -> t.recovery() == null ? null : t.recovery().injectToRunningMs().doubleValue()),
                metric("checkpoint-p50-ms", "", Direction.LOWER_IS_BETTER, 1, trials, trials,
                        t -> t.throughput().checkpoints() == null ? null : t.throughput().checkpoints().endToEndP50Ms()),
                metric("peak-rss-bytes", "", Direction.LOWER_IS_BETTER, 1, trials, trials,
                        t -> (double) t.throughput().totalPeakRssBytes()))) {
            if (m.baselineTrials() != null) {
                figures.put(m.name(), m.baselineTrials().samples());
            }
        }
        return figures;
    }

    public Judgement judge(String baseline, List<RunRecord> baselineRuns, String target, List<RunRecord> targetRuns,
                           String recommendation) {
        List<Trial> base = trials(baselineRuns);
        List<Trial> other = trials(targetRuns);
        if (base.isEmpty() || other.isEmpty()) {
            return Judgement.fail("no performance trial recorded on " + (base.isEmpty() ? baseline : target)
                    + ": nothing to compare");
        }
        CapacityOracle capacity = new CapacityOracle(SustainCriteria.DEFAULTS);
        Optional<CapacityOracle.Proven> baseCapacity = capacity.proven(baselineRuns);
        Optional<CapacityOracle.Proven> otherCapacity = capacity.proven(targetRuns);
        Spread basePerCore = baseCapacity.map(PerformanceOracle::perCore).orElse(null);
        Spread otherPerCore = otherCapacity.map(PerformanceOracle::perCore).orElse(null);
        // efficiency is judged at saturation where both sides were saturated (Nexmark's method): at the job's own,
        // lower rate records/s per core mostly measures what an idle cluster costs, reported but not gated
        boolean saturated = basePerCore != null && otherPerCore != null;
        List<Metric> metrics = List.of(
                compare("capacity-records-per-second", "records/s", Direction.HIGHER_IS_BETTER,
                        thresholds.throughputPerCore(), baseCapacity.map(PerformanceOracle::bracket).orElse(null),
                        otherCapacity.map(PerformanceOracle::bracket).orElse(null)),
                compare("records-per-second-per-core-at-capacity", "records/s/core", Direction.HIGHER_IS_BETTER,
                        thresholds.throughputPerCore(), basePerCore, otherPerCore),
                metric("records-per-second-per-core", "records/s/core", Direction.HIGHER_IS_BETTER,
                        saturated ? AT_RATE_NOT_GATED : thresholds.throughputPerCore(), base, other,
                        t -> t.throughput().recordsPerSecondPerCore()),
                metric("records-per-second", "records/s", Direction.HIGHER_IS_BETTER, thresholds.throughputPerCore(),
                        base, other, t -> t.throughput().recordsPerSecond().median()),
                metric("launch-ms", "ms", Direction.LOWER_IS_BETTER, thresholds.launch(), base, other, Trial::launchMs),
                metric("recovery-to-running-ms", "ms", Direction.LOWER_IS_BETTER, thresholds.recovery(), base, other,
                        t -> t.recovery() == null ? null : t.recovery().injectToRunningMs().doubleValue()),
                metric("recovery-to-checkpoint-ms", "ms", Direction.LOWER_IS_BETTER, thresholds.recovery(), base, other,
                        t -> t.recovery() == null ? null : t.recovery().injectToCheckpointMs().doubleValue()),
                metric("jobmanager-failover-to-running-ms", "ms", Direction.LOWER_IS_BETTER, thresholds.recovery(), base, other,
                        t -> t.failover() == null ? null : t.failover().injectToRunningMs().doubleValue()),
                metric("jobmanager-failover-to-checkpoint-ms", "ms", Direction.LOWER_IS_BETTER, thresholds.recovery(), base, other,
                        t -> t.failover() == null ? null : t.failover().injectToCheckpointMs().doubleValue()),
                metric("savepoint-restore-ms", "ms", Direction.LOWER_IS_BETTER, thresholds.recovery(), base, other,
                        t -> t.restore() == null ? null : (double) t.restore().submitToRunningMs()),
                metric("savepoint-bytes", "bytes", Direction.LOWER_IS_BETTER, Double.POSITIVE_INFINITY, base, other,
                        t -> t.restore() == null || t.restore().savepointBytes() == null ? null : t.restore().savepointBytes().doubleValue()),
                metric("checkpoint-p50-ms", "ms", Direction.LOWER_IS_BETTER, thresholds.checkpoint(), base, other,
                        t -> t.throughput().checkpoints() == null ? null : t.throughput().checkpoints().endToEndP50Ms()),
                metric("checkpoint-p99-ms", "ms", Direction.LOWER_IS_BETTER, thresholds.checkpoint(), base, other,
                        t -> t.throughput().checkpoints() == null ? null : t.throughput().checkpoints().endToEndP99Ms()),
                metric("checkpoint-size-bytes", "bytes", Direction.LOWER_IS_BETTER, Double.POSITIVE_INFINITY, base, other,
                        t -> t.throughput().checkpoints() == null ? null : t.throughput().checkpoints().checkpointedSizeP50Bytes()),
                metric("peak-rss-bytes", "bytes", Direction.LOWER_IS_BETTER, thresholds.launch(), base, other,
                        t -> (double) t.throughput().totalPeakRssBytes()),
                metric("stack-peak-rss-bytes", "bytes", Direction.LOWER_IS_BETTER, Double.POSITIVE_INFINITY, base, other,
                        t -> t.throughput().stackPeakRssBytes() == null ? null : t.throughput().stackPeakRssBytes().doubleValue()),
                // not gated: what the emulated platform itself (harness, YARN's daemons or the Kubernetes emulation)
                // took from the machine's cores beside the job, which on a shared machine bounds the job's ceiling
                metric("platform-cores-beside-job", "cores", Direction.LOWER_IS_BETTER, Double.POSITIVE_INFINITY, base,
                        other, t -> t.throughput().besideJobCores() == null ? null : t.throughput().besideJobCores().median()),
                compare("platform-cores-beside-job-at-capacity", "cores", Direction.LOWER_IS_BETTER, Double.POSITIVE_INFINITY,
                        baseCapacity.map(p -> p.atCapacity().besideJobCores()).orElse(null),
                        otherCapacity.map(p -> p.atCapacity().besideJobCores()).orElse(null)));
        PerformanceComparison evidence = new PerformanceComparison(baseline, target, metrics, recommendation);
        List<Metric> worse = evidence.worse();
        if (!worse.isEmpty()) {
            return Judgement.fail(target + " is worse than " + baseline + " beyond the threshold and the noise: "
                    + worse.stream().map(m -> String.format("%s %.2fx (interval %.2f..%.2f, threshold %.2f)", m.name(),
                    m.ratio(), m.low(), m.high(), m.threshold())).reduce((a, b) -> a + "; " + b).orElseThrow(), evidence);
        }
        return Judgement.pass(evidence);
    }

    static Metric metric(String name, String unit, Direction direction, double threshold, List<Trial> base,
                         List<Trial> other, Function<Trial, Double> figure) {
        return compare(name, unit, direction, threshold, spread(base, figure).orElse(null), spread(other, figure).orElse(null));
    }

    /** One metric from both sides' spreads: the ratio of medians, its interval from the far ends, the outcome. */
    static Metric compare(String name, String unit, Direction direction, double threshold, Spread b, Spread o) {
        if (b == null || o == null || b.median() <= 0 || b.min() <= 0) {
            return new Metric(name, unit, direction, b, o, null, null, null, threshold, Outcome.NOT_MEASURED);
        }
        double ratio = o.median() / b.median();
        double low = o.min() / b.max();
        double high = o.max() / b.min();
        boolean higherBetter = direction == Direction.HIGHER_IS_BETTER;
        // a time that doubles from 44 ms to 94 ms is past any ratio and still nothing a migration notices: below an
        // absolute floor a difference is not a finding (Flink's benchmark alerting has a floor too)
        boolean material = Math.abs(o.median() - b.median()) >= MIN_DIFFERENCE.getOrDefault(unit, 0.0);
        boolean pastThreshold = material && (higherBetter ? ratio < threshold : ratio > threshold);
        // past the threshold even where the trials are kindest to the target: not noise. The interval's near end
        // against 1 (worse at all) was the rule; it called k8s-emulated's capacity WORSE at 0.74x whose bracket
        // reached 0.92x (44,433 kept, 55,541 failed by keeping 96.5 %, against 60,249 kept, 75,311 failed): a
        // capacity that may well be within 0.9x is not one the data show beyond it
        // and a side read once has no spread to be beyond: k8s-emulated's efficiency at saturation read WORSE at
        // 0.78x with the interval 0.77..0.79 from one yarn-mini window against two, and BETTER at 1.05x (1.05..1.05)
        // one run later. A capacity's bracket is a spread of one search, so it may decide alone
        boolean spread = (b.n() >= 2 || b.max() > b.min()) && (o.n() >= 2 || o.max() > o.min());
        boolean beyondNoise = spread && (higherBetter ? high < threshold : low > threshold);
        boolean better = spread && (higherBetter ? low > 1 : high < 1);
        Outcome outcome = pastThreshold && beyondNoise ? Outcome.WORSE : pastThreshold ? Outcome.NOISE
                : better ? Outcome.BETTER : Outcome.WITHIN;
        return new Metric(name, unit, direction, b, o, ratio, low, high, threshold, outcome);
    }

    /**
     * A proven capacity as a spread: the sustained rate is the figure, and the true capacity lies below the failed
     * 1.25x step, so the search's bracket is the range the comparison's interval is taken over.
     */
    static Spread bracket(CapacityOracle.Proven p) {
        return new Spread(1, p.rate(), p.rate(), p.failedAt(), null, List.of(p.rate()));
    }

    /**
     * Records/s per core at saturation: one figure per window of the search that ran at or past the capacity, so the
     * interval spans what separate windows read, not one window's CPU samples. Null without such a window.
     */
    static Spread perCore(CapacityOracle.Proven p) {
        return p.perCoreAtSaturation().isEmpty() ? null : Spread.of(p.perCoreAtSaturation());
    }

    private static Optional<Spread> spread(List<Trial> trials, Function<Trial, Double> figure) {
        List<Double> values = trials.stream().map(figure).filter(v -> v != null && !v.isNaN()).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(Spread.of(values));
    }
}
