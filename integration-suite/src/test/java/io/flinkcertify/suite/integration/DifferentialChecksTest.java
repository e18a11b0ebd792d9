package io.flinkcertify.suite.integration;

import io.flinkcertify.harness.evidence.Equivalence;
import io.flinkcertify.harness.evidence.OutputUnderFaults;
import io.flinkcertify.harness.evidence.SavepointMoveCompared;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.targets.Role;
import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.probe.RunningTime;
import io.flinkcertify.harness.record.RecordFile;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.run.MigrationRehearsal;
import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.targets.standalone.StandaloneTarget;
import io.flinkcertify.harness.workload.Normalisation;
import io.flinkcertify.harness.workload.OracleKind;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential checks on real Flink runs of a job that follows no convention of the harness (the fixtures'
 * OrderTotalsJob, whose last csv column is wall-clock time): as written, two fault-free runs differ, so the job is
 * reported non-deterministic and the comparisons refuse to judge it; with that column declared, the runs agree and a
 * savepoint move between two clusters, and a run through a lost TaskManager, commit what the uninterrupted run
 * commits.
 */
@Tag("integration")
class DifferentialChecksTest {

    private static final String ORDER_TOTALS = "io.flinkcertify.fixtures.OrderTotalsJob";

    @TempDir
    Path scratch;

    private Workload orderTotals(String id, Normalisation normalisation, String orders, String... more) {
        FlinkDistribution distribution = FlinkDistribution.fromClasspath();
        List<String> args = new java.util.ArrayList<>(List.of("--out", Workload.OUTPUT_PLACEHOLDER, "--orders", orders,
                "--customers", "8", "--orders-per-second", "600", "--checkpoint-ms", "1000"));
        args.addAll(List.of(more));
        return new Workload(id, distribution.referenceJobJar(), ORDER_TOTALS, args,
                2, Map.of(), Set.of(OracleKind.AVAILABILITY), true, Duration.ofSeconds(5), DeploymentMode.SESSION,
                null, normalisation, Map.of());
    }

    private MigrationRehearsal rehearsal() {
        return new MigrationRehearsal(TargetOptions.defaults(FlinkDistribution.fromClasspath())
                .withWorkRoot(scratch.resolve("work")), scratch.resolve("report"));
    }

    @Test
    void aJobWhoseRunsDifferIsNonDeterministicAndNotJudged() throws Exception {
        Workload asWritten = orderTotals("as-written", Normalisation.NONE, "1200");
        assertTrue(asWritten.judgedByDifference());
        MigrationRehearsal rehearsal = rehearsal();

        Judgement determinism = rehearsal.determinism(asWritten, StandaloneTarget.KIND);

        assertFalse(determinism.passed(), "the processing-time column differs between runs");
        assertTrue(determinism.reason().startsWith("non-deterministic: two fault-free runs on standalone differ"),
                determinism.reason());
        assertTrue(determinism.reason().contains("normalise"), "says how to make it judgeable: " + determinism.reason());
        Equivalence diff = determinism.evidence(Equivalence.class);
        assertEquals(1200, diff.left().records());
        assertEquals(1200, diff.left().only(), "every record carries its own time");
        assertTrue(diff.left().firstOnly().get(0).contains(" in "), "names the part file: " + diff.left().firstOnly());
        TestAbortedException refused = assertThrows(TestAbortedException.class,
                () -> rehearsal.equivalentOutput(asWritten, StandaloneTarget.KIND, StandaloneTarget.KIND));
        assertTrue(refused.getMessage().startsWith("cannot judge as-written by comparing runs: two fault-free runs on "
                + "standalone differ (1200 and 1200 records only in one of them)"), refused.getMessage());
    }

    @Test
    void withItsTimeColumnDeclaredTheJobIsJudgedAndItsSavepointMoveCommitsTheUninterruptedOutput() throws Exception {
        Normalisation time = new Normalisation(Normalisation.Format.CSV, ",", List.of(5), List.of(), null);
        Workload declared = orderTotals("declared", time, "9000");
        MigrationRehearsal rehearsal = rehearsal();

        Judgement determinism = rehearsal.determinism(declared, StandaloneTarget.KIND);
        assertTrue(determinism.passed(), determinism.reason());
        assertEquals(2 * 9000, determinism.evidence(Equivalence.class).normalised().recordsChanged());

        Judgement moved = rehearsal.savepointMoveCompared(declared, StandaloneTarget.KIND, StandaloneTarget.KIND);
        assertTrue(moved.passed(), moved.reason());
        SavepointMoveCompared move = moved.evidence(SavepointMoveCompared.class);
        assertTrue(move.sourceRecordsBeforeStop() > 0 && move.sourceRecordsBeforeStop() < 9000,
                "stopped mid-stream: " + move.sourceRecordsBeforeStop());
        assertEquals(9000, move.comparison().right().records(), "no order lost or repeated across the move");
        // every deployment's submit -> RUNNING (the restore's too) ended at the JobManager's stamp of its last task,
        // read from real Flink's REST answer, within the bracket of the poll that saw it
        List<RunEvent.Deployed> deployed = RecordFile.readAll(scratch.resolve("report")).stream()
                .flatMap(f -> f.runs().stream()).flatMap(r -> r.all(RunEvent.Deployed.class)).toList();
        assertTrue(deployed.stream().anyMatch(d -> d.restoredFrom() != null), "the move's restore is recorded");
        for (RunEvent.Deployed d : deployed) {
            assertEquals(RunningTime.JOBMANAGER, d.runningStampedBy(), "job " + d.jobId());
            assertTrue(d.submitToRunningMs() > 0 && d.submitToRunningMs() <= d.submitToRunningPolledMs(),
                    d.submitToRunningMs() + " ms stamped, " + d.submitToRunningPolledMs() + " ms polled");
        }

        Judgement underFaults = rehearsal.sameOutputUnderFaults(declared, StandaloneTarget.KIND, List.of(
                Fault.of(FaultKind.TASKMANAGER_KILL, Role.TASKMANAGER, Duration.ZERO),
                Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO)), Duration.ofSeconds(120));
        assertTrue(underFaults.passed(), underFaults.reason());
        OutputUnderFaults faulted = underFaults.evidence(OutputUnderFaults.class);
        assertEquals(1, faulted.injected().size(), "the TaskManager loss landed: " + faulted);
        assertEquals(1, faulted.notApplicable().size(), "standalone has no HA to fail over: " + faulted);
    }

    @Test
    void aSinkWithoutTwoPhaseCommitDuplicatesRecordsAfterATaskManagerLossAndTheCheckNamesThem() throws Exception {
        Normalisation time = new Normalisation(Normalisation.Format.CSV, ",", List.of(5), List.of(), null);
        // checkpoints 4 s apart: the records written since the last one are written again after the restore
        Workload flushing = orderTotals("flushing", time, "9000", "--sink", "flush", "--checkpoint-ms", "4000");

        Judgement underFaults = rehearsal().sameOutputUnderFaults(flushing, StandaloneTarget.KIND, List.of(
                Fault.of(FaultKind.TASKMANAGER_KILL, Role.TASKMANAGER, Duration.ZERO)), Duration.ofSeconds(120));

        assertFalse(underFaults.passed(), "a replay after the restore writes records twice");
        Equivalence diff = underFaults.evidence(OutputUnderFaults.class).comparison();
        assertEquals(0, diff.left().only(), "nothing of the fault-free run is missing: " + underFaults.reason());
        assertTrue(diff.right().only() > 0 && diff.right().records() > 9000, underFaults.reason());
        assertTrue(diff.right().firstOnly().get(0).matches("customer-\\d+,\\d+,\\d+,\\d+,\\* in part-flush-\\d"),
                "the duplicated record, normalised, and its file: " + diff.right().firstOnly());
    }
}
