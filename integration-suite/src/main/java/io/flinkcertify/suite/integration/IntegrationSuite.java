package io.flinkcertify.suite.integration;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.junit.CertifyContext;
import io.flinkcertify.harness.junit.CertifyExtension;
import io.flinkcertify.harness.plan.CheckAction;
import io.flinkcertify.harness.plan.PlannedCheck;
import io.flinkcertify.harness.plan.PlannedGroup;
import io.flinkcertify.harness.plan.SuitePlan;
import io.flinkcertify.harness.targets.Role;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.OracleKind;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Integration: every job of the batch on every target, deployed on a fresh cluster, checked phase by phase.
 * The suite only declares the checks ({@link #plan}); the harness runs and judges them.
 */
@Tag("integration")
@DisplayName("integration")
@ExtendWith(CertifyExtension.class)
public class IntegrationSuite {

    public static final String SUITE = "integration";
    public static final String JOBS_ON_TARGETS = "jobs on targets";
    public static final String SETTINGS_ON_KUBERNETES = "settings on kubernetes";
    /** Carrying settings reads configuration, not a cluster: reported once per job, on no target. */
    static final String NO_TARGET = "settings";
    static final Duration GRACE = Duration.ofSeconds(120);
    static final List<Fault> RECOVERIES = List.of(
            Fault.of(FaultKind.TASKMANAGER_KILL, Role.TASKMANAGER, Duration.ZERO),
            Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO));

    /** Every check of the suite, in run order: one deployment per job and target, its phases in order. */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed) {
        return plan(batch, targets, seed, false);
    }

    /**
     * As {@link #plan(Batch, List, long)}; when the fault suite runs too, an unbounded job is not deployed here at
     * all: the fault suite's deployment of it on each target runs the same checks (deploy, first checkpoint, this
     * suite's availability window, cancel, the output oracle) and its schedule holds the TaskManager loss and the
     * JobManager failover, so a second cluster per target would only repeat them.
     */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed, boolean faultSuiteRuns) {
        List<PlannedGroup> groups = new ArrayList<>();
        for (Workload w : batch.jobs()) {
            if (faultSuiteRuns && !w.bounded()) {
                continue;
            }
            for (String target : targets) {
                groups.add(new PlannedGroup(JOBS_ON_TARGETS, w.id() + " @ " + target, w, target, true,
                        phases(w, target)));
            }
        }
        for (Workload w : batch.jobs()) {
            if (!w.yarnConfig().isEmpty()) {
                groups.add(new PlannedGroup(SETTINGS_ON_KUBERNETES, w.id() + " settings", w, null, false, List.of(
                        new PlannedCheck(SUITE, w, NO_TARGET, List.of(), "settings:yarn-to-kubernetes",
                                new CheckAction.CarrySettings(), null))));
            }
        }
        return new SuitePlan(SUITE, groups);
    }

    private static List<PlannedCheck> phases(Workload w, String target) {
        List<PlannedCheck> checks = new ArrayList<>();
        checks.add(PlannedCheck.on(SUITE, w, target, "deploy", new CheckAction.Deploy()));
        checks.add(PlannedCheck.on(SUITE, w, target, "first-checkpoint", new CheckAction.FirstCheckpoint()));
        if (w.checks(OracleKind.AVAILABILITY)) {
            checks.add(PlannedCheck.on(SUITE, w, target, "availability", new CheckAction.Availability(w.availabilityWindow())));
        }
        if (!w.bounded()) {
            // the recoveries every deployment must survive: a lost TaskManager, and a JobManager failover
            // through HA; a target without HA reports the latter as not applicable
            for (Fault loss : RECOVERIES) {
                checks.add(PlannedCheck.on(SUITE, w, target, loss.kind() == FaultKind.JOBMANAGER_KILL
                        ? "jobmanager-failover" : "taskmanager-loss", new CheckAction.Inject(loss, GRACE, null)));
            }
        }
        checks.add(PlannedCheck.on(SUITE, w, target, w.bounded() ? "finish" : "cancel", new CheckAction.Finish(w.bounded())));
        if (w.checks(OracleKind.EXACTLY_ONCE)) {
            checks.add(PlannedCheck.on(SUITE, w, target, "exactly-once", new CheckAction.ExactlyOnce()));
        }
        if (w.checks(OracleKind.WINDOW_RESULTS)) {
            checks.add(PlannedCheck.on(SUITE, w, target, "window-results", new CheckAction.WindowResults()));
        }
        return checks;
    }

    @TestFactory
    @DisplayName(SETTINGS_ON_KUBERNETES)
    Stream<DynamicNode> settingsOnKubernetes(CertifyContext ctx) {
        return ctx.tests(plan(ctx.batch(), ctx.targets(), ctx.settings().seed()).of(SETTINGS_ON_KUBERNETES));
    }

    @TestFactory
    @DisplayName(JOBS_ON_TARGETS)
    Stream<DynamicNode> jobsOnTargets(CertifyContext ctx) {
        return ctx.tests(plan(ctx.batch(), ctx.targets(), ctx.settings().seed(), ctx.settings().faultSuiteRuns()).of(JOBS_ON_TARGETS));
    }
}
