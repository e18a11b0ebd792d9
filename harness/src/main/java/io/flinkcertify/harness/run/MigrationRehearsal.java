package io.flinkcertify.harness.run;

import io.flinkcertify.harness.evidence.Deployment;
import io.flinkcertify.harness.evidence.Equivalence;
import io.flinkcertify.harness.evidence.ExactlyOnce;
import io.flinkcertify.harness.evidence.Finish;
import io.flinkcertify.harness.evidence.SavepointMove;
import io.flinkcertify.harness.evidence.SavepointMoveCompared;
import io.flinkcertify.harness.evidence.OutputUnderFaults;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.NotApplicable;
import io.flinkcertify.harness.evidence.SavepointStop;

import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.lifecycle.Workspace;
import io.flinkcertify.harness.oracle.EquivalentOutputOracle;
import io.flinkcertify.harness.oracle.ExactlyOnceOracle;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.probe.JobSnapshot;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;
import io.flinkcertify.harness.process.FileTrees;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Workload;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /**
     * Fault-free runs to the end of a job on a target, in the order they were made: the determinism check's two, and
     * the references every later comparison of the group reads, so no check deploys what another already ran.
     */
    private final Map<String, List<RunToEnd>> references = new HashMap<>();
    /**
     * Jobs whose fault-free runs differed (or committed nothing), with why: no differential check can judge them.
     * Kept for the whole certification (one process), so the fault suite's comparison of such a job says it cannot
     * judge rather than blaming the faults for the job's own variation.
     */
    private static final Map<String, String> nonDeterministic = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Two fault-free runs of the job on {@code target} must commit the same output (after its declared
     * normalisation); otherwise no difference a fault or a move makes could be told from the job's own variation.
     */
    public Judgement determinism(Workload workload, String target) throws Exception {
        RunToEnd first = reference(workload, target, 0);
        RunToEnd second = reference(workload, target, 1);
        Judgement j = compared(workload, first, second);
        if (!j.passed() && j.evidence() instanceof Equivalence e && e.left().records() == 0) {
            String why = "a fault-free run on " + target + " committed no record to compare (a sink that commits on "
                    + "checkpoints commits nothing in a job that does not enable checkpointing)";
            nonDeterministic.put(workload.id(), why);
            return Judgement.fail(why, j.evidence());
        }
        if (!j.passed()) {
            String why = "two fault-free runs on " + target + " differ: " + j.reason();
            // the skipped checks point at the determinism check for the records; their own line stays short
            String counts = j.evidence() instanceof Equivalence diff
                    ? " (" + diff.left().only() + " and " + diff.right().only() + " records only in one of them)" : "";
            nonDeterministic.put(workload.id(), "two fault-free runs on " + target + " differ" + counts
                    + ": see the determinism check; declare what legitimately differs under 'normalise'");
            return Judgement.fail("non-deterministic: " + why + "; declare what legitimately differs between runs "
                    + "under 'normalise' (ignoreColumns, ignoreFields or mask) to make the job judgeable", j.evidence());
        }
        return j;
    }

    /** Compares the job's fault-free output on {@code left} and on {@code right} (two runs when they are one kind). */
    public Judgement equivalentOutput(Workload workload, String left, String right) throws Exception {
        requireJudgeable(workload);
        return compared(workload, reference(workload, left, 0), reference(workload, right, left.equals(right) ? 1 : 0));
    }

    private Judgement compared(Workload workload, RunToEnd left, RunToEnd right) {
        Judgement j = new EquivalentOutputOracle(workload.normalisation()).judge(left.record(), right.record());
        if (!(j.evidence() instanceof Equivalence compared)) {
            return j; // nothing was compared: nothing to add the runs to
        }
        return new Judgement(j.passed(), j.reason(), compared.withRuns(left.facts(), right.facts()));
    }

    /** A fault-free run to the end: its record, what it ran as, and how many records its source read. */
    private record RunToEnd(RunRecord record, Equivalence.RunFacts facts, long sourceRecords) {}

    /** When this certification began: earlier runs in the records (a previous --rerun-failed) are never reused. */
    private static final long CERTIFICATION_START = ProcessHandle.current().info().startInstant()
            .map(java.time.Instant::toEpochMilli).orElse(0L);

    private java.util.function.Function<String, List<RunRecord>> earlier = kind -> List.of();

    /**
     * Lets the references start from runs this certification already made of the job (the integration suite's
     * deployment runs a bounded job to the end without faults): one deployment fewer per target for each of them.
     */
    public MigrationRehearsal drawingOn(java.util.function.Function<String, List<RunRecord>> recordsOfTarget) {
        this.earlier = recordsOfTarget;
        return this;
    }

    /** The job's {@code n}-th fault-free run to the end on {@code kind}, run now if not yet run in this certification. */
    private synchronized RunToEnd reference(Workload workload, String kind, int n) throws Exception {
        List<RunToEnd> runs = references.computeIfAbsent(workload.id() + "@" + kind, k -> {
            List<RunToEnd> reused = new ArrayList<>();
            earlier.apply(kind).stream().filter(MigrationRehearsal::faultFreeToTheEnd).forEach(r -> reused.add(
                    new RunToEnd(r, new Equivalence.RunFacts(kind, r.last(RunEvent.Deployed.class).orElseThrow().jobId(),
                            "FINISHED"), sourceRecords(r))));
            return reused;
        });
        while (runs.size() <= n) {
            runs.add(runToEnd(workload, kind));
        }
        return runs.get(n);
    }

    /**
     * A record that is the job's plain run of this certification: deployed fresh (not restored), never faulted, never
     * stopped with a savepoint nor offered another rate, FINISHED by itself, its output committed.
     */
    static boolean faultFreeToTheEnd(RunRecord r) {
        return r.last(RunEvent.Deployed.class).filter(d -> d.restoredFrom() == null && d.at() >= CERTIFICATION_START)
                .isPresent()
                && r.all(RunEvent.FaultInjected.class).findAny().isEmpty()
                && r.all(RunEvent.SavepointTaken.class).findAny().isEmpty()
                && r.all(RunEvent.RateOffered.class).findAny().isEmpty()
                && r.all(RunEvent.Restored.class).findAny().isEmpty()
                && r.last(RunEvent.Stopped.class).filter(s -> "FINISHED".equals(s.finalState())).isPresent()
                && r.last(RunEvent.OutputCommitted.class).isPresent();
    }

    /** What the source had read by the last poll of the run. */
    private static long sourceRecords(RunRecord r) {
        return r.last(RunEvent.Polled.class).map(p -> p.snapshot().vertices().isEmpty() ? 0L
                : p.snapshot().vertices().get(0).recordsOut()).orElse(0L);
    }

    private RunToEnd runToEnd(Workload workload, String kind) throws Exception {
        try (JobRun run = new JobRun(workload, kind, options, reportDir)) {
            Deployment deployed = require(run.deploy(), kind + " deploy").evidence(Deployment.class);
            Finish finished = require(run.finish(), kind + " finish").evidence(Finish.class);
            long source = finished.recordsPerVertex().values().stream().findFirst().map(Finish.VertexRecords::out)
                    .orElse(0L);
            return new RunToEnd(run.record(), new Equivalence.RunFacts(kind, deployed.jobId(), finished.finalState()),
                    source);
        }
    }

    /** A job whose own runs differ cannot be judged by comparing runs: the check says so instead of guessing. */
    private void requireJudgeable(Workload workload) {
        String why = nonDeterministic.get(workload.id());
        if (why != null) {
            throw new TestAbortedException("cannot judge " + workload.id() + " by comparing runs: " + why);
        }
    }

    /**
     * For a job without the keyed-sequence convention: starts it on {@code from}, stops it with a savepoint about a
     * third of the way (by its uninterrupted run's source count), restores it on {@code to} into the same output,
     * lets it finish, and compares the whole output with the uninterrupted run's as multisets.
     */
    public Judgement savepointMoveCompared(Workload workload, String from, String to) throws Exception {
        requireJudgeable(workload);
        RunToEnd uninterrupted = reference(workload, from, 0);
        long sourceTotal = uninterrupted.sourceRecords();
        try (Teardown scope = Teardown.global().child("savepoint move " + workload.id())) {
            Moved moved = move(scope, workload, from, to, first -> {
                if ("FINISHED".equals(waitForSource(first, sourceTotal / 3).state())) {
                    throw new TestAbortedException("cannot judge the move: " + workload.id() + " finished on " + from
                            + " before a savepoint could be taken (" + sourceTotal + " source records); give it more "
                            + "input or a lower rate so it runs for at least half a minute");
                }
            });
            Path reference = uninterrupted.record().home().resolve(uninterrupted.record()
                    .last(RunEvent.OutputCommitted.class).orElseThrow().directory());
            Judgement j = new EquivalentOutputOracle(workload.normalisation())
                    .judge("uninterrupted", reference, "moved", moved.output());
            if (!(j.evidence() instanceof Equivalence compared)) {
                return j;
            }
            SavepointStop stop = moved.stop();
            return new Judgement(j.passed(), j.reason(), new SavepointMoveCompared(from, stop.savepoint(),
                    stop.sourceRecordsBeforeStop(), stop.stopMs(), to, moved.restored().submitToRunningMs(), compared));
        }
    }

    /** Where the savepoint is taken: returns once the first run may be stopped (or aborts the check). */
    @FunctionalInterface
    private interface StopPoint {
        void await(JobRun first) throws Exception;
    }

    /** A move done: the output both runs committed into, the savepoint stop, and the restored deployment. */
    private record Moved(Path output, SavepointStop stop, Deployment restored) {}

    /**
     * Starts the workload on {@code from}, stops it with a savepoint at {@code stopPoint}, restores it on {@code to}
     * into the same output (the sink's state refers to that path) and lets it finish.
     */
    private Moved move(Teardown scope, Workload workload, String from, String to, StopPoint stopPoint) throws Exception {
        Workspace scratch = scratch(scope, "savepoint");
        Path output = scratch.dir("output");
        SavepointStop stop;
        try (JobRun first = new JobRun(workload, from, options, reportDir, output)) {
            require(first.deploy(), from + " deploy");
            checkpointOrNone(first, from);
            stopPoint.await(first);
            stop = require(first.stopWithSavepoint(scratch.dir("savepoints")), from + " stop-with-savepoint")
                    .evidence(SavepointStop.class);
        }
        try (JobRun second = new JobRun(workload, to, options, reportDir, output)) {
            Deployment restored = require(second.deploy(stop.savepoint()), to + " restore").evidence(Deployment.class);
            require(second.finish(), to + " finish");
            return new Moved(output, stop, restored);
        }
    }

    /**
     * The job run to the end through {@code faults} on {@code target} must commit what its fault-free run there
     * commits (after its normalisation): a fault may cost time, never a record, a repeat or a rewound state.
     * Faults the target cannot do are listed; a job that ends before any fault lands cannot be judged.
     */
    public Judgement sameOutputUnderFaults(Workload workload, String target, List<Fault> faults, java.time.Duration grace)
            throws Exception {
        requireJudgeable(workload);
        RunToEnd reference = reference(workload, target, 0);
        List<String> injected = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        RunToEnd faulted;
        try (JobRun run = new JobRun(workload, target, options, reportDir)) {
            Deployment deployed = require(run.deploy(), target + " deploy").evidence(Deployment.class);
            checkpointOrNone(run, target);
            for (Fault fault : faults) {
                if ("FINISHED".equals(run.snapshot().state())) {
                    break;
                }
                try {
                    Judgement recovered = run.fault(fault, grace);
                    injected.add(fault.describe() + (recovered.passed() ? ": recovered" : ": " + recovered.reason()));
                } catch (NotApplicable e) {
                    notApplicable.add(fault.kind().label() + ": " + e.getMessage());
                }
            }
            Finish finished = require(run.finish(), target + " finish").evidence(Finish.class);
            faulted = new RunToEnd(run.record(), new Equivalence.RunFacts(target, deployed.jobId(),
                    finished.finalState()), 0);
        }
        if (injected.isEmpty()) {
            throw new TestAbortedException("cannot judge " + workload.id() + " under faults: "
                    + (notApplicable.isEmpty() ? "it finished before a fault could land; give it more input or a lower "
                    + "rate" : "no fault of " + notApplicable + " applies on " + target));
        }
        Judgement j = compared(workload, reference, faulted);
        if (!(j.evidence() instanceof Equivalence compared)) {
            return j;
        }
        return new Judgement(j.passed(), j.reason(), new OutputUnderFaults(target, injected, notApplicable, compared));
    }

    /** Until the source has read {@code records}, or the job has ended (then nothing is left to interrupt). */
    private static JobSnapshot waitForSource(JobRun run, long records) throws Exception {
        return io.flinkcertify.harness.probe.Waits.until("the source to read " + records + " records",
                java.time.Duration.ofSeconds(120), run::snapshot, (JobSnapshot s) -> "FINISHED".equals(s.state())
                        || !s.vertices().isEmpty() && s.vertices().get(0).recordsOut() >= records);
    }

    /**
     * Starts the workload on {@code from}, stops it with a savepoint part-way, restores it on {@code to} into the same
     * committed output, lets it finish, and judges the whole output exactly-once (including the keyed-state count,
     * which proves the state itself moved, not only the source offsets).
     */
    public Judgement savepointMove(Workload original, String from, String to) throws Exception {
        // a savepoint needs a stream to interrupt: pace the input so the whole run lasts about 15 s, the savepoint
        // a third of the way in (5 s of input, over a checkpoint interval of about a second, and 10 s left before the
        // source would end); a longer stream costs both moves of every bounded job its extra seconds twice
        Workload workload = original.records().isPresent()
                ? original.withArg("--rate", Long.toString(Math.max(1, original.records().getAsLong() / PACED_SECONDS)))
                : original;
        try (Teardown scope = Teardown.global().child("savepoint move " + workload.id())) {
            Moved moved = move(scope, workload, from, to, first -> waitForProgress(first, workload));
            Judgement once = new ExactlyOnceOracle().judge(moved.output(),
                    new ExactlyOnceOracle.Expectation(workload.keys(), workload.records()));
            if (!(once.evidence() instanceof ExactlyOnce checked)) {
                return once;
            }
            return new Judgement(once.passed(), once.reason(), new SavepointMove(from, workload.rate().orElse(-1),
                    moved.stop().savepoint(), moved.stop().sourceRecordsBeforeStop(), moved.stop().stopMs(), to,
                    moved.restored().submitToRunningMs(), checked));
        }
    }

    /** Lets the first run get roughly a third of the way, so the savepoint sits mid-stream, not at an edge. */
    private static void waitForProgress(JobRun run, Workload workload) throws Exception {
        long target = workload.records().orElse(0) / 3;
        io.flinkcertify.harness.probe.Waits.until("a third of the input to be read", java.time.Duration.ofSeconds(120),
                () -> run.snapshot(), (JobSnapshot s) -> !s.vertices().isEmpty() && s.vertices().get(0).recordsOut() >= target);
    }

    /** How long a paced savepoint move's input lasts (was 30 s: 162 s of the default run went to its two moves). */
    static final long PACED_SECONDS = 15;

    /** Scratch space that a SIGTERM of the harness removes too, not only the reaper of the next run. */
    private Workspace scratch(Teardown scope, String purpose) {
        Workspace scratch = Workspace.create(options.workRoot(), purpose);
        scope.register("scratch " + scratch.root(), scratch);
        return scratch;
    }

    /**
     * Waits for the run's first checkpoint; a job that does not enable checkpointing has none to wait for (its own
     * finding, in the integration suite), and a savepoint or a fault is still judged on what it does.
     */
    private static void checkpointOrNone(JobRun run, String kind) throws Exception {
        Judgement first = run.firstCheckpoint();
        if (!first.passed() && run.record().all(RunEvent.CheckpointingDisabled.class).findAny().isEmpty()) {
            throw new IllegalStateException(kind + " first checkpoint did not pass: " + first.reason());
        }
    }

    private static Judgement require(Judgement j, String step) {
        if (!j.passed()) {
            throw new IllegalStateException(step + " did not pass: " + j.reason());
        }
        return j;
    }
}
