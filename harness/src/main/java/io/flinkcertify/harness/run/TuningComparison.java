package io.flinkcertify.harness.run;

import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Workload;

import io.flinkcertify.harness.evidence.FaultRun;
import io.flinkcertify.harness.evidence.Recovery;
import io.flinkcertify.harness.evidence.TuningAB;
import io.flinkcertify.harness.evidence.TuningAB.Outcome;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tuned-vs-default A/B: the same job, target and fault, with the job's value of a setting and with the other
 * value, each run on a fresh cluster, several runs a side. Every run must recover and keep exactly-once output; the
 * measured outcomes (restarts, JobManager replaced, leadership revocations, downtime) are the evidence, and a value
 * that fares worse by Mann-Whitney U is a config-lint finding against it.
 */
public final class TuningComparison {

    private final TargetOptions options;
    private final Path reportDir;

    public TuningComparison(TargetOptions options, Path reportDir) {
        this.options = options;
        this.reportDir = reportDir;
    }

    /**
     * Runs the comparison: {@code trials} runs a side, alternating the two values (A B A B) so that a machine that
     * slows down over the comparison slows both sides alike.
     */
    public Judgement compare(Tuning tuning, Workload workload, String target, Duration grace, int trials) throws Exception {
        String[] values = tuning.sides(workload.flinkConfig());
        List<Outcome> jobSide = new ArrayList<>();
        List<Outcome> otherSide = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            for (int side = 0; side < 2; side++) {
                Outcome o = side(tuning.configure(workload, values[side]), target, tuning, grace);
                (side == 0 ? jobSide : otherSide).add(o);
                if (o.failed() != null) {
                    // a run that never got to the fault measured nothing: no lint entry either way
                    return Judgement.fail("a run of the comparison failed (" + tuning.setting() + "=" + values[side]
                            + ", run " + (i + 1) + " of " + trials + "): " + o.failed(),
                            evidence(tuning, values, jobSide, otherSide, null));
                }
            }
        }
        TuningAB.Lint finding = finding(tuning, values, jobSide, otherSide);
        return Judgement.pass(evidence(tuning, values, jobSide, otherSide, finding));
    }

    private static TuningAB evidence(Tuning tuning, String[] values, List<Outcome> job, List<Outcome> other,
                                     TuningAB.Lint lint) {
        return new TuningAB(tuning.setting(), tuning.fault().describe(), tuning.alternative(), tuning.companions(),
                List.copyOf(job), List.copyOf(other), values[0], values[1], lint);
    }

    /** One fresh run: deploy, first checkpoint, the fault, cancel, exactly-once; returns what was measured. */
    private Outcome side(Workload workload, String target, Tuning tuning, Duration grace) throws Exception {
        try (JobRun run = new JobRun(workload, target, options, reportDir)) {
            for (Judgement j : List.of(run.deploy(), run.firstCheckpoint())) {
                if (!j.passed()) {
                    return Outcome.failedWith(j.reason());
                }
            }
            Judgement fault = run.fault(tuning.fault(), grace);
            if (!fault.passed()) {
                // a fault the job did not recover from measured no outcome to compare
                return Outcome.failedWith(fault.reason());
            }
            Outcome measured = outcome(fault.evidence(FaultRun.class));
            Judgement cancel = run.finish();
            Judgement exactlyOnce = run.exactlyOnce();
            return measured.withExactlyOnce(exactlyOnce.passed() ? "held" : exactlyOnce.reason(),
                    !cancel.passed() ? cancel.reason() : !exactlyOnce.passed() ? exactlyOnce.reason() : null);
        }
    }

    private static boolean lostLeadership(Outcome o) {
        return o.failed() == null && ((o.jobManagerReplaced() != null && o.jobManagerReplaced() > 0)
                || (o.leadershipRevoked() != null && o.leadershipRevoked() > 0)
                || (o.leadershipChanges() != null && o.leadershipChanges() > 0));
    }

    /**
     * What a fault did to a job, reduced to comparable numbers. Every figure is read from the fault check's typed
     * evidence; a recovery that passed has them all, so a missing one is a defect of the fault check, never a 0.
     * Leadership the HA service cannot show (the lock on ZooKeeper HA, the log where no action read it) stays
     * absent and is said to be "not measured".
     */
    static Outcome outcome(FaultRun run) {
        Recovery r = run.recovery();
        if (!r.complete() || r.restarts() == null) {
            throw new IllegalStateException("the fault's evidence has no complete recovery to compare: " + r);
        }
        boolean replaced = run.jobManagerReplaced().orElseThrow(() -> new IllegalStateException(
                "the fault's evidence has no instances after recovery to compare"));
        return new Outcome(r.restarts(), replaced ? 1L : 0L, r.leadershipChanges(),
                run.leadershipRevocations().isPresent() ? run.leadershipRevocations().getAsLong() : null,
                r.injectToRunningMs(), r.injectToCheckpointMs(), null, null);
    }

    /**
     * What the comparison says about the job's value: {@value #FRAGILE} (the other value fared measurably better),
     * {@value #HOLDS} (the job's value fared better) or {@value #NO_DIFFERENCE}; the config lint is made of these.
     */

    public static final String FRAGILE = "fragile";
    public static final String HOLDS = "holds";
    public static final String NO_DIFFERENCE = "no-difference";
    public static final String INCONCLUSIVE = "inconclusive";

    /** Significance level of a difference called. */
    static final double ALPHA = 0.05;
    static final String TEST = "Mann-Whitney U, two-sided";

    /**
     * The lint entry from every run of both sides. A difference is called only when Mann-Whitney U finds it at
     * {@link #ALPHA}: first on the harm done (JobManager replaced, restarts, leadership), then on the time until
     * RUNNING again, where the medians must also differ by more than scheduling jitter explains (3 s and a quarter).
     * Fewer than {@link RunSettings#DEFAULT_TUNING_TRIALS} runs a side can never reach that level, so such a
     * comparison says what it saw and calls nothing.
     */
    static TuningAB.Lint finding(Tuning tuning, String[] values, List<Outcome> job, List<Outcome> other) {
        // a fault that does not itself take the JobManager away, yet both sides lost it every time: the setting did
        // not decide the outcome, and a timing difference between lost JobManagers says nothing about it
        boolean faultKillsJobManager = tuning.fault().kind().killsAnInstance()
                && tuning.fault().role() == io.flinkcertify.harness.targets.Role.JOBMANAGER;
        if (!faultKillsJobManager && job.stream().allMatch(TuningComparison::lostLeadership)
                && other.stream().allMatch(TuningComparison::lostLeadership)) {
            return new TuningAB.Lint(values[0], values[1], INCONCLUSIVE, "inconclusive: both values lost the "
                    + "JobManager's leadership under " + tuning.fault().describe() + " (" + seen(job) + " with "
                    + values[0] + "; " + seen(other) + " with " + values[1] + "): " + tuning.setting()
                    + " did not decide it; " + (tuning.fault().kind() == io.flinkcertify.harness.fault.FaultKind.ZOOKEEPER_SUSPENSION
                    ? "look at high-availability.zookeeper.client.session-timeout against the suspension (the settings lint)"
                    : "the fault outlasts what either value tolerates"));
        }
        int n = Math.min(job.size(), other.size());
        if (n < RunSettings.DEFAULT_TUNING_TRIALS) {
            return new TuningAB.Lint(values[0], values[1], INCONCLUSIVE, "inconclusive: " + n + " run(s) a side cannot "
                    + "call a difference (" + TEST + " needs " + RunSettings.DEFAULT_TUNING_TRIALS + " a side at alpha "
                    + ALPHA + ": --tuning-trials " + RunSettings.DEFAULT_TUNING_TRIALS + "); seen: " + seen(job)
                    + " with " + values[0] + "; " + seen(other) + " with " + values[1]);
        }
        String sample = " (" + TEST + ", " + job.size() + "+" + other.size() + " runs, ";
        double[] jobHarm = job.stream().mapToDouble(Outcome::harm).toArray();
        double[] otherHarm = other.stream().mapToDouble(Outcome::harm).toArray();
        double harmP = pValue(jobHarm, otherHarm);
        double jobHarmMedian = median(jobHarm);
        double otherHarmMedian = median(otherHarm);
        if (harmP < ALPHA && jobHarmMedian != otherHarmMedian) {
            boolean jobWorse = jobHarmMedian > otherHarmMedian;
            return new TuningAB.Lint(values[0], values[1], jobWorse ? FRAGILE : HOLDS, tuning.setting() + "="
                    + values[0] + (jobWorse ? " leaves the job fragile under " : " (the job's value) fares better under ")
                    + tuning.fault().kind().label() + ": " + seen(job) + "; with " + values[1] + ": " + seen(other)
                    + sample + "harm p=" + p(harmP) + ")" + (jobWorse ? " (" + tuning.purpose() + ")" : ""));
        }
        double[] jobDown = job.stream().mapToDouble(o -> o.injectToRunningMs()).toArray();
        double[] otherDown = other.stream().mapToDouble(o -> o.injectToRunningMs()).toArray();
        double downP = pValue(jobDown, otherDown);
        double jobMedian = median(jobDown);
        double otherMedian = median(otherDown);
        boolean material = Math.abs(jobMedian - otherMedian) >= Math.max(3_000, Math.max(jobMedian, otherMedian) / 4);
        if (downP < ALPHA && material) {
            boolean jobSlower = jobMedian > otherMedian;
            return new TuningAB.Lint(values[0], values[1], jobSlower ? FRAGILE : HOLDS, tuning.setting() + "=" + values[0]
                    + (jobSlower ? " leaves the job down longer" : " (the job's value) recovers faster") + " under "
                    + tuning.fault().kind().label() + ": RUNNING again after a median " + (long) jobMedian + " ms vs "
                    + (long) otherMedian + " ms with " + values[1] + sample + "p=" + p(downP) + ")"
                    + (jobSlower ? " (" + tuning.purpose() + ")" : ""));
        }
        return new TuningAB.Lint(values[0], values[1], NO_DIFFERENCE, "no difference called (" + TEST + ", "
                + job.size() + "+" + other.size() + " runs): harm p=" + p(harmP) + "; RUNNING again after a median "
                + (long) jobMedian + " ms with " + values[0] + " vs " + (long) otherMedian + " ms with " + values[1]
                + ", p=" + p(downP));
    }

    /** Two-sided Mann-Whitney U; samples that are all equal differ in nothing (p = 1). */
    static double pValue(double[] a, double[] b) {
        boolean allEqual = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                .distinct().count() == 1;
        return allEqual ? 1.0 : new MannWhitneyUTest().mannWhitneyUTest(a, b);
    }

    private static double median(double[] values) {
        return new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(values);
    }

    private static String p(double p) {
        return String.format(java.util.Locale.ROOT, "%.3f", p);
    }

    /** Each run's outcome, or the one outcome when every run saw the same. */
    private static String seen(List<Outcome> runs) {
        List<String> each = runs.stream().map(Outcome::summary).toList();
        return each.stream().distinct().count() == 1 ? each.get(0) + (runs.size() > 1 ? " (every run)" : "")
                : String.join(" | ", each);
    }
}
