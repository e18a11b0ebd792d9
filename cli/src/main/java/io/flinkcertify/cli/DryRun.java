package io.flinkcertify.cli;

import io.flinkcertify.harness.evidence.FaultRun;

import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.plan.CheckAction;
import io.flinkcertify.harness.plan.PlannedCheck;
import io.flinkcertify.harness.plan.PlannedGroup;
import io.flinkcertify.harness.plan.SuitePlan;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.OracleKind;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.DisplayName;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run would deploy and inject, printed from the suites' own plans (the data their test factories run), in
 * the order the run goes: nothing is started, and nothing is described that the suites would not do.
 */
final class DryRun {

    /** Leads the line that lists a group's checks by their test names, in run order. */
    static final String CHECKS = "    checks:  ";

    /** The plan, limited to the groups holding a check of {@code only} (a rerun of failed checks) unless empty. */
    static String plan(Batch batch, List<String> targets, List<Class<?>> suites, FlinkDistribution distribution,
                       io.flinkcertify.harness.run.RunSettings settings, Set<String> only) {
        long seed = settings.seed();
        TargetOptions options = TargetOptions.defaults(distribution);
        StringBuilder sb = new StringBuilder();
        sb.append("dry run: batch '").append(batch.name()).append("' from ").append(batch.manifest())
                .append(", Flink ").append(distribution.version()).append(", seed ").append(seed).append('\n');
        int deployments = 0;
        int references = 0;
        for (Class<?> suite : suites) {
            SuitePlan plan = SuiteCatalog.planner(suite).plan(batch, targets, settings);
            Set<String> factories = plan.groups().stream().map(PlannedGroup::factory)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            for (PlannedGroup group : plan.groups()) {
                if (!only.isEmpty() && group.checks().stream().noneMatch(c -> only.contains(
                        io.flinkcertify.harness.run.RunSettings.checkKey(c.suite(), c.job().id(), c.target(), c.name())))) {
                    continue;
                }
                // the suite's name as JUnit shows it; the factory too where the suite has more than one
                String label = label(suite) + (factories.size() > 1 ? ": " + group.factory() : "");
                sb.append(String.format("- %s [%s]%n", group.name(), label));
                if (group.deployment()) {
                    deployment(sb, group, options);
                    deployments++;
                }
                for (PlannedCheck check : group.checks()) {
                    if (check.skipped().isEmpty()) {
                        deployments += check.action().deployments();
                        references += check.action().references();
                    }
                }
                sb.append(CHECKS).append(group.checks().stream().map(PlannedCheck::name)
                        .collect(Collectors.joining(", "))).append('\n');
                for (PlannedCheck check : group.checks()) {
                    sb.append("      ").append(check.name()).append(": ").append(check.skipped()
                            .map(reason -> "SKIPPED: " + reason)
                            .orElse(check.action().describe() + "; judged by " + check.oracle())).append('\n');
                }
            }
        }
        sb.append(String.format("deployments: %d fresh cluster(s), plus at most %d fault-free reference run(s), each "
                + "reused from a run this certification already made of the job where there is one%n", deployments, references));
        sb.append("oracles in this batch: ").append(batch.jobs().stream().flatMap(j -> j.oracles().stream())
                .map(OracleKind::label).distinct().sorted().collect(Collectors.joining(", "))).append('\n');
        return sb.toString();
    }

    /** The cluster and submission of a group's one deployment, and the faults it goes through. */
    private static void deployment(StringBuilder sb, PlannedGroup group, TargetOptions options) {
        Workload w = group.job();
        sb.append(String.format("    cluster: fresh %s %s cluster, %d TaskManager(s) x %d slots, JM %s, TM %s%s%n",
                group.target(), w.deployment().label(), options.taskManagers(), options.slotsPerTaskManager(),
                options.jobManagerMemory(), options.taskManagerMemory(),
                w.flinkConfig().isEmpty() ? "" : ", config " + w.flinkConfig()));
        sb.append(String.format("    deploy:  %s %s %s (parallelism %d, %s)%n", w.jar(), w.entryClass(),
                String.join(" ", w.args()), w.parallelism(), w.bounded() ? "bounded" : "unbounded"));
        List<CheckAction.Inject> injects = group.checks().stream().map(PlannedCheck::action)
                .filter(CheckAction.Inject.class::isInstance).map(CheckAction.Inject.class::cast).toList();
        FaultRun.SchedulePosition schedule = injects.isEmpty() ? null : injects.get(0).schedule();
        if (schedule != null) {
            sb.append("    schedule (seed ").append(schedule.seed()).append("):\n");
            injects.forEach(i -> sb.append("    inject:  ").append(i.fault().describe()).append('\n'));
        } else {
            sb.append("    faults:  ").append(injects.isEmpty() ? "none" : injects.stream()
                    .map(i -> i.fault().describe()).collect(Collectors.joining(", then "))
                    + ", each recovered before the next").append('\n');
        }
    }

    private static String label(Class<?> suite) {
        DisplayName name = suite.getAnnotation(DisplayName.class);
        return name != null ? name.value() : suite.getSimpleName();
    }

    private DryRun() {}
}
