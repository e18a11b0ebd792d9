package io.flinkcertify.suite.fault;

import io.flinkcertify.harness.evidence.FaultRun;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.NotApplicable;
import io.flinkcertify.harness.fault.Schedule;
import io.flinkcertify.harness.junit.CertifyContext;
import io.flinkcertify.harness.junit.CertifyExtension;
import io.flinkcertify.harness.plan.CheckAction;
import io.flinkcertify.harness.plan.PlannedCheck;
import io.flinkcertify.harness.plan.PlannedGroup;
import io.flinkcertify.harness.plan.SuitePlan;
import io.flinkcertify.harness.evidence.SettingsLint;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.run.RunSettings;
import io.flinkcertify.harness.run.SettingsRules;
import io.flinkcertify.harness.run.Tuning;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Fault: every unbounded job on every target, through the fault catalogue one fault at a time, each judged on
 * recovery inside the grace period; then the committed output must still be exactly-once. A bounded job without
 * the keyed-sequence convention is run through a TaskManager loss and a JobManager failover instead, and its
 * output must equal its fault-free run's ({@code same-output-under-faults}). Faults a target cannot
 * do are reported as SKIPPED with the reason.
 */
@Tag("fault")
@DisplayName("fault")
@ExtendWith(CertifyExtension.class)
public class FaultSuite {

    public static final String SUITE = "fault";
    public static final String FAULTS_ON_JOBS = "faults on jobs";
    public static final String TUNED_VS_DEFAULT = "tuned vs default";
    public static final String SETTINGS = "settings";
    /** The settings lint reads configuration, not a cluster: it is reported once per job, on no target. */
    static final String NO_TARGET = "settings";
    /** Flink's own HA tests allow two minutes to recover. */
    static final Duration GRACE = Duration.ofSeconds(120);

    /** What a bounded job is taken through: a lost TaskManager, then a JobManager failover where there is HA. */
    static final List<Fault> BOUNDED_FAULTS = List.of(
            Fault.of(FaultKind.TASKMANAGER_KILL, Role.TASKMANAGER, Duration.ZERO),
            Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO));

    /** Every fault kind once, as the catalogue defines it (kind, usual aim and duration), in the enum's order. */
    static final List<Fault> CATALOGUE = java.util.Arrays.stream(FaultKind.values()).map(FaultKind::typical).toList();

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

    /**
     * The core schedule of a run of a job that uses no Kafka broker: the catalogue in the order, aim, pauses and
     * durations the seed decides.
     */
    public static Schedule schedule(long seed) {
        return schedule(seed, Set.of());
    }

    /** As {@link #schedule(long)}, over the chosen fault kinds only (empty: the whole catalogue). */
    public static Schedule schedule(long seed, Set<FaultKind> chosen) {
        return schedule(seed, chosen, false);
    }

    /**
     * As {@link #schedule(long, Set)} for {@code job}: the Kafka broker's faults join the schedule of a job that uses
     * the broker only, so every other job's schedule for a seed stays what it was before they existed.
     */
    public static Schedule schedule(long seed, Set<FaultKind> chosen, Workload job) {
        return schedule(seed, chosen, job.usesKafka());
    }

    private static Schedule schedule(long seed, Set<FaultKind> chosen, boolean kafka) {
        return Schedule.core(seed, CATALOGUE.stream().filter(f -> kafka || !f.kind().onKafka())
                .filter(f -> chosen.isEmpty() || chosen.contains(f.kind())).toList());
    }

    /**
     * Every check of the suite, in run order: per unbounded job and target, one deployment through the seeded
     * schedule, then the tuned-vs-default comparisons (a bounded job may end before a fault lands).
     */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed) {
        return plan(batch, targets, seed, Set.of());
    }

    /** As {@link #plan(Batch, List, long)}, the schedule over the chosen fault kinds only ({@code --faults}). */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed, Set<FaultKind> chosen) {
        return plan(batch, targets, seed, chosen, null);
    }

    /** The settings the tuned-vs-default comparisons can cover ({@code --tunings}). */
    public static List<String> tuningSettings() {
        return TUNINGS.stream().map(Tuning::setting).toList();
    }

    /**
     * As {@link #plan(Batch, List, long, Set)}, the comparisons over the chosen settings only ({@code --tunings}):
     * null for all, empty for none.
     */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed, Set<FaultKind> chosen, Set<String> tunings) {
        return plan(batch, targets, seed, chosen, tunings, RunSettings.DEFAULT_TUNING_TRIALS, false);
    }

    /**
     * As {@link #plan(Batch, List, long, Set, Set)}, with {@code tuningTrials} runs a side per comparison; when the
     * integration suite runs too ({@code integrationSuiteRuns}), an unbounded job's deployment here is its only one
     * per target and also holds the availability window before the schedule (the integration suite leaves it out).
     */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed, Set<FaultKind> chosen, Set<String> tunings,
                                 int tuningTrials, boolean integrationSuiteRuns) {
        List<PlannedGroup> groups = new ArrayList<>();
        for (Workload w : batch.jobs()) {
            for (String target : targets) {
                if (!w.bounded()) {
                    groups.add(new PlannedGroup(FAULTS_ON_JOBS, w.id() + " @ " + target, w, target, true,
                            throughSchedule(w, target, schedule(seed, chosen, w), integrationSuiteRuns)));
                } else if (w.judgedByDifference()) {
                    // a bounded job's output is judged against its own fault-free run, through the faults that
                    // fit into its run: the two losses every deployment must survive
                    List<Fault> losses = BOUNDED_FAULTS.stream()
                            .filter(f -> chosen.isEmpty() || chosen.contains(f.kind())).toList();
                    if (!losses.isEmpty()) {
                        groups.add(new PlannedGroup(FAULTS_ON_JOBS, w.id() + " @ " + target, w, target, false,
                                List.of(PlannedCheck.on(SUITE, w, target, "same-output-under-faults",
                                        new CheckAction.SameOutputUnderFaults(target, losses, GRACE)))));
                    }
                }
            }
        }
        for (Workload w : batch.jobs()) {
            if (!w.bounded()) {
                groups.add(new PlannedGroup(SETTINGS, w.id() + " settings", w, null, false, List.of(new PlannedCheck(
                        SUITE, w, NO_TARGET, List.of(), "lint:settings", new CheckAction.LintSettings(schedule(seed, chosen, w).faults(), batch.zookeeperTick()), null))));
            }
        }
        // the measured half of the lint, where the static half has a finding on the job's own settings; every
        // comparison runs only with --suites tuning (two fresh clusters each)
        groups.addAll(comparisons(SUITE, batch, targets, seed, chosen, tunings, tuningTrials,
                (w, tuning) -> lintAsks(w, schedule(seed, chosen, w).faults(), batch.zookeeperTick(), tuning)));
        return new SuitePlan(SUITE, groups);
    }

    /**
     * Which lint settings each comparison answers for: the A/B of a tuning is worth its two clusters when the
     * job's own value of one of these has a lint finding against the schedule.
     */
    static final Map<String, Set<String>> LINT_QUESTIONS = Map.of(
            "high-availability.zookeeper.client.tolerate-suspended-connections",
            Set.of("high-availability.zookeeper.client.session-timeout"),
            "high-availability.kubernetes.leader-election.lease-duration",
            Set.of("high-availability.kubernetes.leader-election.lease-duration",
                    "high-availability.kubernetes.leader-election.renew-deadline"),
            "heartbeat.timeout", Set.of("heartbeat.timeout"));

    private static boolean lintAsks(Workload w, List<Fault> schedule, java.time.Duration zookeeperTick, Tuning tuning) {
        Judgement lint = SettingsRules.judge(w.flinkConfig(), schedule, zookeeperTick);
        Set<String> answered = LINT_QUESTIONS.getOrDefault(tuning.setting(), Set.of(tuning.setting()));
        return lint.evidence() instanceof SettingsLint findings
                && findings.findings().stream().anyMatch(f -> answered.contains(f.setting()));
    }

    /** The tuned-vs-default comparisons of the batch a suite runs: those {@code wanted}, of the chosen faults and settings. */
    static List<PlannedGroup> comparisons(String suite, Batch batch, List<String> targets, long seed, Set<FaultKind> chosen,
                                          Set<String> tunings, int tuningTrials,
                                          java.util.function.BiPredicate<Workload, Tuning> wanted) {
        List<PlannedGroup> groups = new ArrayList<>();
        for (Workload w : batch.jobs()) {
            for (String target : targets) {
                if (!w.bounded() && w.checks(OracleKind.EXACTLY_ONCE)) {
                    List<PlannedCheck> checks = TUNINGS.stream()
                            .filter(tuning -> chosen.isEmpty() || chosen.contains(tuning.fault().kind()))
                            .filter(tuning -> tunings == null || tunings.contains(tuning.setting()))
                            .filter(tuning -> wanted.test(w, tuning))
                            .map(tuning -> comparison(suite, w, target, tuning, tuningTrials)).toList();
                    if (!checks.isEmpty()) {
                        groups.add(new PlannedGroup(TUNED_VS_DEFAULT, w.id() + " @ " + target, w, target, false, checks));
                    }
                }
            }
        }
        return groups;
    }

    private static List<PlannedCheck> throughSchedule(Workload w, String target, Schedule schedule,
                                                      boolean withAvailability) {
        List<PlannedCheck> checks = new ArrayList<>();
        checks.add(PlannedCheck.on(SUITE, w, target, "deploy", new CheckAction.Deploy()));
        checks.add(PlannedCheck.on(SUITE, w, target, "first-checkpoint", new CheckAction.FirstCheckpoint()));
        if (withAvailability && w.checks(OracleKind.AVAILABILITY)) {
            // the integration suite's window, on the fresh job before any fault: one cluster serves both suites
            checks.add(PlannedCheck.on(SUITE, w, target, "availability", new CheckAction.Availability(w.availabilityWindow())));
        }
        for (int i = 0; i < schedule.faults().size(); i++) {
            Fault fault = schedule.faults().get(i);
            FaultRun.SchedulePosition position = new FaultRun.SchedulePosition(schedule.seed(), i + 1,
                    schedule.faults().size());
            checks.add(PlannedCheck.on(SUITE, w, target, fault.kind().label(), new CheckAction.Inject(fault, GRACE, position)));
        }
        if (w.kafka().outputTopic() != null) {
            // after the faults, while the job still writes: their recoveries are what its transactions must outlive
            checks.add(PlannedCheck.on(SUITE, w, target, "lint:kafka-transactions", new CheckAction.KafkaTransactionTimeout()));
        }
        checks.add(PlannedCheck.on(SUITE, w, target, w.bounded() ? "finish" : "cancel", new CheckAction.Finish(w.bounded())));
        if (w.checks(OracleKind.EXACTLY_ONCE)) {
            checks.add(PlannedCheck.on(SUITE, w, target, "exactly-once", new CheckAction.ExactlyOnce()));
        } else if (w.checks(OracleKind.WINDOW_RESULTS)) {
            checks.add(PlannedCheck.on(SUITE, w, target, "window-results", new CheckAction.WindowResults()));
        } else if (w.writesOutput()) {
            PlannedCheck noDuplicates = PlannedCheck.on(SUITE, w, target, "no-duplicates", new CheckAction.NoDuplicates());
            checks.add(w.normalisation().recordKey() != null ? noDuplicates : noDuplicates.skippedBecause("cannot judge "
                    + "duplicates in an unbounded job's output without a record key: declare recordKey (a csv column "
                    + "or a json field that identifies a record)"));
        }
        return checks;
    }

    /** A tuning that does nothing on the target is known to be SKIPPED before anything starts. */
    private static PlannedCheck comparison(String suite, Workload w, String target, Tuning tuning, int trials) {
        PlannedCheck check = PlannedCheck.on(suite, w, target, "ab:" + tuning.setting(),
                new CheckAction.CompareTuning(tuning, target, GRACE, trials));
        return tuning.appliesTo(target) ? check : check.skippedBecause(new NotApplicable(tuning.fault().kind(), target,
                tuning.setting() + " takes effect only on " + String.join(", ", new TreeSet<>(tuning.targets()))).getMessage());
    }

    @TestFactory
    @DisplayName(FAULTS_ON_JOBS)
    Stream<DynamicNode> faults(CertifyContext ctx) {
        return ctx.tests(plan(ctx.batch(), ctx.targets(), ctx.settings().seed(), ctx.settings().faults(), ctx.settings().tunings(), ctx.settings().tuningTrials(),
                ctx.settings().integrationSuiteRuns()).of(FAULTS_ON_JOBS));
    }

    @TestFactory
    @DisplayName(SETTINGS)
    Stream<DynamicNode> settings(CertifyContext ctx) {
        return ctx.tests(plan(ctx.batch(), ctx.targets(), ctx.settings().seed(), ctx.settings().faults(), ctx.settings().tunings(), ctx.settings().tuningTrials(),
                ctx.settings().integrationSuiteRuns()).of(SETTINGS));
    }

    @TestFactory
    @DisplayName(TUNED_VS_DEFAULT)
    Stream<DynamicNode> tunings(CertifyContext ctx) {
        return ctx.tests(plan(ctx.batch(), ctx.targets(), ctx.settings().seed(), ctx.settings().faults(), ctx.settings().tunings(), ctx.settings().tuningTrials(),
                ctx.settings().integrationSuiteRuns()).of(TUNED_VS_DEFAULT));
    }
}
