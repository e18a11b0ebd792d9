package io.flinkcertify.harness.run;

import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Workload;

import io.flinkcertify.harness.evidence.FaultRun;
import io.flinkcertify.harness.evidence.Recovery;
import io.flinkcertify.harness.evidence.TuningAB;
import io.flinkcertify.harness.evidence.TuningAB.Outcome;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Tuned-vs-default A/B: the same job, target and fault, once with the job's value of a setting and once with the
 * other value, each on a fresh cluster. Both sides must recover and keep exactly-once output; the measured
 * difference (restarts, JobManager replaced, leadership revocations, downtime) is the evidence, and a side that
 * fares worse is a config-lint finding against that value.
 */
public final class TuningComparison {

    private final TargetOptions options;
    private final Path reportDir;

    public TuningComparison(TargetOptions options, Path reportDir) {
        this.options = options;
        this.reportDir = reportDir;
    }

    public Judgement compare(Tuning tuning, Workload workload, String target, Duration grace) throws Exception {
        String[] values = tuning.sides(workload.flinkConfig());
        Outcome jobSide = side(tuning.configure(workload, values[0]), target, tuning, grace);
        Outcome otherSide = side(tuning.configure(workload, values[1]), target, tuning, grace);
        for (Outcome side : List.of(jobSide, otherSide)) {
            if (side.failed() != null) {
                // a side that never got to the fault measured nothing: no lint entry either way
                return Judgement.fail("a side of the comparison failed: " + side.failed(),
                        evidence(tuning, values, jobSide, otherSide, null));
            }
        }
        TuningAB.Lint finding = finding(tuning, values, jobSide, otherSide);
        return Judgement.pass(evidence(tuning, values, jobSide, otherSide, finding));
    }

    private static TuningAB evidence(Tuning tuning, String[] values, Outcome job, Outcome other, TuningAB.Lint lint) {
        return new TuningAB(tuning.setting(), tuning.fault().describe(), tuning.alternative(), tuning.companions(), job,
                other, values[0], values[1], lint);
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

    static TuningAB.Lint finding(Tuning tuning, String[] values, Outcome job, Outcome other) {
        // a fault that does not itself take the JobManager away, yet both sides lost it: the setting did not decide
        // the outcome, and a timing difference between two lost JobManagers says nothing about it
        boolean faultKillsJobManager = tuning.fault().kind().killsAnInstance()
                && tuning.fault().role() == io.flinkcertify.harness.targets.Role.JOBMANAGER;
        if (!faultKillsJobManager && lostLeadership(job) && lostLeadership(other)) {
            return new TuningAB.Lint(values[0], values[1], INCONCLUSIVE, "inconclusive: both values lost the "
                    + "JobManager's leadership under " + tuning.fault().describe() + " (" + job.summary() + " with "
                    + values[0] + "; " + other.summary() + " with " + values[1] + "): " + tuning.setting()
                    + " did not decide it; " + (tuning.fault().kind() == io.flinkcertify.harness.fault.FaultKind.ZOOKEEPER_SUSPENSION
                    ? "look at high-availability.zookeeper.client.session-timeout against the suspension (the settings lint)"
                    : "the fault outlasts what either value tolerates"));
        }
        long jobHarm = job.harm();
        long otherHarm = other.harm();
        if (jobHarm > otherHarm) {
            return new TuningAB.Lint(values[0], values[1], FRAGILE, tuning.setting() + "=" + values[0] + " leaves the job fragile under " + tuning.fault().kind().label()
                    + ": " + job.summary() + "; with " + values[1] + ": " + other.summary()
                    + " (" + tuning.purpose() + ")");
        }
        if (jobHarm < otherHarm) {
            return new TuningAB.Lint(values[0], values[1], HOLDS, tuning.setting() + "=" + values[0] + " (the job's value) fares better than " + values[1] + ": "
                    + job.summary() + " vs " + other.summary());
        }
        // same harm: downtime decides, but only a difference no scheduling jitter explains (3 s and a quarter)
        boolean bothRecovered = job.failed() == null && other.failed() == null
                && job.injectToRunningMs() != null && other.injectToRunningMs() != null;
        long jobDown = bothRecovered ? job.injectToRunningMs() : 0;
        long otherDown = bothRecovered ? other.injectToRunningMs() : 0;
        if (bothRecovered && Math.abs(jobDown - otherDown) >= Math.max(3_000, Math.max(jobDown, otherDown) / 4)) {
            String faster = jobDown < otherDown ? values[0] : values[1];
            String slower = jobDown < otherDown ? values[1] : values[0];
            return new TuningAB.Lint(values[0], values[1], jobDown > otherDown ? FRAGILE : HOLDS, tuning.setting() + "=" + values[0] + (jobDown > otherDown ? " leaves the job down longer" : " (the job's value) recovers faster")
                    + " under " + tuning.fault().kind().label() + ": RUNNING again after " + Math.min(jobDown, otherDown)
                    + " ms with " + faster + " vs " + Math.max(jobDown, otherDown) + " ms with " + slower
                    + " (" + tuning.purpose() + ")");
        }
        return new TuningAB.Lint(values[0], values[1], NO_DIFFERENCE, "no difference measured: " + job.summary() + " with either value");
    }

}
