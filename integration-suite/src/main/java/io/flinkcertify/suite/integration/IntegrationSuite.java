package io.flinkcertify.suite.integration;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.junit.CertifyContext;
import io.flinkcertify.harness.junit.CertifyExtension;
import io.flinkcertify.harness.run.JobRun;
import io.flinkcertify.harness.targets.Role;
import io.flinkcertify.harness.workload.OracleKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

/**
 * Integration: every job of the batch on every target, deployed on a fresh cluster, checked phase by phase.
 * The suite only declares the checks; the harness runs and judges them.
 */
@Tag("integration")
@DisplayName("integration")
@ExtendWith(CertifyExtension.class)
public class IntegrationSuite {

    public static final String SUITE = "integration";
    static final Duration GRACE = Duration.ofSeconds(120);
    static final List<Fault> RECOVERIES = List.of(
            Fault.of(FaultKind.TASKMANAGER_KILL, Role.TASKMANAGER, Duration.ZERO),
            Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO));

    @TestFactory
    @DisplayName("jobs on targets")
    Stream<DynamicNode> jobsOnTargets(CertifyContext ctx) {
        return ctx.jobsOnTargets().stream().map(pair -> {
            JobRun run = ctx.jobRun(pair);
            List<DynamicTest> checks = new ArrayList<>();
            checks.add(ctx.check(SUITE, pair, "deploy", run::deploy));
            checks.add(ctx.check(SUITE, pair, "first-checkpoint", run::firstCheckpoint));
            if (pair.workload().checks(OracleKind.AVAILABILITY)) {
                checks.add(ctx.check(SUITE, pair, "availability", run::availability));
            }
            if (!pair.workload().bounded()) {
                // the recoveries every deployment must survive: a lost TaskManager, and a JobManager failover
                // through HA; a target without HA reports the latter as not applicable
                for (Fault loss : RECOVERIES) {
                    checks.add(ctx.check(SUITE, pair, loss.kind() == FaultKind.JOBMANAGER_KILL ? "jobmanager-failover"
                            : "taskmanager-loss", () -> run.fault(loss, GRACE)));
                }
            }
            checks.add(ctx.check(SUITE, pair, run.finishName(), run::finish));
            if (pair.workload().checks(OracleKind.EXACTLY_ONCE)) {
                checks.add(ctx.check(SUITE, pair, "exactly-once", run::exactlyOnce));
            }
            // JUnit closes the container's stream after its last check: the cluster goes down with it
            return dynamicContainer(pair.displayName(), checks.stream().onClose(run::close));
        });
    }
}
