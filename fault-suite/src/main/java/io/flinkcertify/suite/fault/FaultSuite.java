package io.flinkcertify.suite.fault;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.NotApplicable;
import io.flinkcertify.harness.fault.Schedule;
import io.flinkcertify.harness.junit.CertifyContext;
import io.flinkcertify.harness.junit.CertifyExtension;
import io.flinkcertify.harness.run.JobRun;
import io.flinkcertify.harness.run.Tuning;
import io.flinkcertify.harness.run.TuningComparison;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

/**
 * Fault: every unbounded job on every target, through the fault catalogue one fault at a time, each judged on
 * recovery inside the grace period; then the committed output must still be exactly-once. Faults a target cannot
 * do are reported as SKIPPED with the reason.
 */
@Tag("fault")
@DisplayName("fault")
@ExtendWith(CertifyExtension.class)
public class FaultSuite {

    public static final String SUITE = "fault";
    /** Flink's own HA tests allow two minutes to recover. */
    static final Duration GRACE = Duration.ofSeconds(120);

    /** The catalogue, in the order it is run against one job. */
    static final List<Fault> CATALOGUE = List.of(
            Fault.of(FaultKind.TASKMANAGER_KILL, Role.TASKMANAGER, Duration.ZERO),
            Fault.of(FaultKind.FREEZE, Role.TASKMANAGER, Duration.ofSeconds(5)),
            Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO),
            Fault.of(FaultKind.ZOOKEEPER_SUSPENSION, Role.JOBMANAGER, Duration.ofSeconds(10)),
            Fault.of(FaultKind.APISERVER_LATENCY, Role.JOBMANAGER, Duration.ofSeconds(10)),
            Fault.of(FaultKind.APISERVER_OUTAGE, Role.JOBMANAGER, Duration.ofSeconds(10)),
            Fault.of(FaultKind.PARTITION, Role.TASKMANAGER, Duration.ofSeconds(10)),
            Fault.of(FaultKind.CHECKPOINT_STORAGE_OUTAGE, Role.JOBMANAGER, Duration.ofSeconds(10)));

    /** Settings compared under the fault that shows what they are for (tuned-vs-default A/B). */
    static final List<Tuning> TUNINGS = List.of(
            new Tuning("high-availability.zookeeper.client.tolerate-suspended-connections", "false", "true",
                    Fault.of(FaultKind.ZOOKEEPER_SUSPENSION, Role.JOBMANAGER, Duration.ofSeconds(10)),
                    "tolerating a SUSPENDED ZooKeeper connection keeps leadership through a short ZooKeeper outage")
                    .onlyOn(Set.of("yarn-mini")),
            new Tuning("high-availability.kubernetes.leader-election.lease-duration", "15 s", "5 s",
                    Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO),
                    "a shorter lease lets the new JobManager take leadership sooner after the old one died, at the "
                            + "price of more lease renewals against the API server")
                    .withCompanions(Map.of("high-availability.kubernetes.leader-election.renew-deadline", "4 s",
                            "high-availability.kubernetes.leader-election.retry-period", "1 s"))
                    .onlyOn(Set.of("k8s-emulated", "kubeconfig", "k3s")),
            new Tuning("heartbeat.timeout", "50 s", "10 s",
                    Fault.of(FaultKind.FREEZE, Role.TASKMANAGER, Duration.ofSeconds(15)),
                    "a shorter heartbeat timeout declares a silent TaskManager lost sooner (a dead node, a partition), "
                            + "and so also turns a long pause (GC, a frozen process) into a restart")
                    .withCompanions(Map.of("heartbeat.interval", "2 s")));

    public static List<Fault> catalogue() {
        return CATALOGUE;
    }

    /** The core schedule of a run: the catalogue in the order, aim, pauses and durations the seed decides. */
    public static Schedule schedule(long seed) {
        return Schedule.core(seed, CATALOGUE);
    }

    @TestFactory
    @DisplayName("faults on jobs")
    Stream<DynamicNode> faults(CertifyContext ctx) {
        return ctx.jobsOnTargets().stream()
                .filter(pair -> !pair.workload().bounded()) // a bounded job may end before the fault lands
                .map(pair -> {
                    JobRun run = ctx.jobRun(pair);
                    List<DynamicTest> checks = new ArrayList<>();
                    checks.add(ctx.check(SUITE, pair, "deploy", run::deploy));
                    checks.add(ctx.check(SUITE, pair, "first-checkpoint", run::firstCheckpoint));
                    Schedule schedule = schedule(ctx.settings().seed());
                    for (int i = 0; i < schedule.faults().size(); i++) {
                        Fault fault = schedule.faults().get(i);
                        Map<String, Object> position = Map.of("seed", schedule.seed(), "position", i + 1,
                                "of", schedule.faults().size());
                        checks.add(ctx.check(SUITE, pair, fault.kind().label(),
                                () -> run.fault(fault, GRACE).withEvidence("schedule", position)));
                    }
                    checks.add(ctx.check(SUITE, pair, run.finishName(), run::finish));
                    if (pair.workload().checks(OracleKind.EXACTLY_ONCE)) {
                        checks.add(ctx.check(SUITE, pair, "exactly-once", run::exactlyOnce));
                    }
                    return dynamicContainer(pair.displayName(), checks.stream().onClose(run::close));
                });
    }

    @TestFactory
    @DisplayName("tuned vs default")
    Stream<DynamicNode> tunings(CertifyContext ctx) {
        TuningComparison comparison = new TuningComparison(ctx.targetOptions(), ctx.settings().out());
        return ctx.jobsOnTargets().stream()
                .filter(pair -> !pair.workload().bounded() && pair.workload().checks(OracleKind.EXACTLY_ONCE))
                .map(pair -> dynamicContainer(pair.displayName(), TUNINGS.stream().map(tuning ->
                        ctx.check(SUITE, pair, "ab:" + tuning.setting(), () -> {
                            if (!tuning.appliesTo(pair.target())) {
                                throw new NotApplicable(tuning.fault().kind(), pair.target(), tuning.setting()
                                        + " takes effect only on " + String.join(", ", new java.util.TreeSet<>(tuning.targets())));
                            }
                            return comparison.compare(tuning, pair.workload(), pair.target(), GRACE);
                        }))));
    }
}
