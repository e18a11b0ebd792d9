package io.flinkcertify.harness.run;

import io.flinkcertify.harness.evidence.Deployment;
import io.flinkcertify.harness.evidence.Equivalence;
import io.flinkcertify.harness.evidence.ExactlyOnce;
import io.flinkcertify.harness.evidence.Finish;
import io.flinkcertify.harness.evidence.SavepointMove;
import io.flinkcertify.harness.evidence.SavepointStop;

import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.lifecycle.Workspace;
import io.flinkcertify.harness.oracle.EquivalentOutputOracle;
import io.flinkcertify.harness.oracle.ExactlyOnceOracle;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.probe.JobSnapshot;
import io.flinkcertify.harness.record.RunRecord;
import io.flinkcertify.harness.process.FileTrees;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Workload;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two cross-target questions of a migration, for one bounded keyed-sequence workload:
 * does it produce the same output on both targets, and can its savepoint move from one to the other (and back)
 * without losing or repeating a record. Built only on {@link JobRun}, so every target kind takes part unchanged.
 */
public final class MigrationRehearsal {

    private final TargetOptions options;
    private final Path reportDir;

    public MigrationRehearsal(TargetOptions options, Path reportDir) {
        this.options = options;
        this.reportDir = reportDir;
    }

    /** Runs the workload to completion on {@code left}, then on {@code right}, and compares committed outputs. */
    public Judgement equivalentOutput(Workload workload, String left, String right) throws Exception {
        // each run's committed output is kept beside its run record; the oracle compares the two records
        RunToEnd leftRun = runToEnd(workload, left);
        RunToEnd rightRun = runToEnd(workload, right);
        Judgement j = new EquivalentOutputOracle().judge(leftRun.record(), rightRun.record());
        if (!(j.evidence() instanceof Equivalence compared)) {
            return j; // nothing was compared: nothing to add the runs to
        }
        return new Judgement(j.passed(), j.reason(), compared.withRuns(leftRun.facts(), rightRun.facts()));
    }

    private record RunToEnd(RunRecord record, Equivalence.RunFacts facts) {}

    private RunToEnd runToEnd(Workload workload, String kind) throws Exception {
        try (JobRun run = new JobRun(workload, kind, options, reportDir)) {
            Deployment deployed = require(run.deploy(), kind + " deploy").evidence(Deployment.class);
            Finish finished = require(run.finish(), kind + " finish").evidence(Finish.class);
            return new RunToEnd(run.record(), new Equivalence.RunFacts(kind, deployed.jobId(), finished.finalState()));
        }
    }

    /**
     * Starts the workload on {@code from}, stops it with a savepoint part-way, restores it on {@code to} into the same
     * committed output, lets it finish, and judges the whole output exactly-once (including the keyed-state count,
     * which proves the state itself moved, not only the source offsets).
     */
    public Judgement savepointMove(Workload original, String from, String to) throws Exception {
        // a savepoint needs a stream to interrupt: pace the input so the whole run lasts about 30 s
        Workload workload = original.records().isPresent()
                ? original.withArg("--rate", Long.toString(Math.max(1, original.records().getAsLong() / 30)))
                : original;
        try (Teardown scope = Teardown.global().child("savepoint move " + workload.id())) {
            Workspace scratch = scratch(scope, "savepoint");
            Path output = scratch.dir("output");
            SavepointStop stop;
            try (JobRun first = new JobRun(workload, from, options, reportDir, output)) {
                require(first.deploy(), from + " deploy");
                require(first.firstCheckpoint(), from + " first checkpoint");
                waitForProgress(first, workload);
                stop = require(first.stopWithSavepoint(scratch.dir("savepoints")), from + " stop-with-savepoint")
                        .evidence(SavepointStop.class);
            }
            Deployment restored;
            try (JobRun second = new JobRun(workload, to, options, reportDir, output)) {
                restored = require(second.deploy(stop.savepoint()), to + " restore").evidence(Deployment.class);
                require(second.finish(), to + " finish");
            }
            Judgement once = new ExactlyOnceOracle().judge(output,
                    new ExactlyOnceOracle.Expectation(workload.keys(), workload.records()));
            if (!(once.evidence() instanceof ExactlyOnce checked)) {
                return once;
            }
            return new Judgement(once.passed(), once.reason(), new SavepointMove(from, workload.rate().orElse(-1),
                    stop.savepoint(), stop.sourceRecordsBeforeStop(), stop.stopMs(), to, restored.submitToRunningMs(),
                    checked));
        }
    }

    /** Lets the first run get roughly a third of the way, so the savepoint sits mid-stream, not at an edge. */
    private static void waitForProgress(JobRun run, Workload workload) throws Exception {
        long target = workload.records().orElse(0) / 3;
        io.flinkcertify.harness.probe.Waits.until("a third of the input to be read", java.time.Duration.ofSeconds(120),
                () -> run.snapshot(), (JobSnapshot s) -> !s.vertices().isEmpty() && s.vertices().get(0).recordsOut() >= target);
    }

    /** Scratch space that a SIGTERM of the harness removes too, not only the reaper of the next run. */
    private Workspace scratch(Teardown scope, String purpose) {
        Workspace scratch = Workspace.create(options.workRoot(), purpose);
        scope.register("scratch " + scratch.root(), scratch);
        return scratch;
    }

    private static Judgement require(Judgement j, String step) {
        if (!j.passed()) {
            throw new IllegalStateException(step + " did not pass: " + j.reason());
        }
        return j;
    }
}
