package io.flinkcertify.cli;

import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.OracleKind;
import io.flinkcertify.harness.workload.Workload;
import io.flinkcertify.suite.fault.FaultSuite;
import io.flinkcertify.suite.integration.IntegrationSuite;
import io.flinkcertify.suite.integration.MigrationSuite;

import java.util.List;
import java.util.stream.Collectors;

/** What a run would deploy and inject, computed from the validated batch alone: nothing is started. */
final class DryRun {

    static String plan(Batch batch, List<String> targets, List<Class<?>> suites, FlinkDistribution distribution, long seed) {
        TargetOptions options = TargetOptions.defaults(distribution);
        StringBuilder sb = new StringBuilder();
        sb.append("dry run: batch '").append(batch.name()).append("' from ").append(batch.manifest())
                .append(", Flink ").append(distribution.version()).append(", seed ").append(seed).append('\n');
        for (Workload w : batch.jobs()) {
            for (String target : targets) {
                if (suites.contains(IntegrationSuite.class)) {
                    sb.append(String.format("- %s @ %s [integration]%n", w.id(), target));
                    sb.append(String.format("    cluster: fresh %s %s cluster, %d TaskManager(s) x %d slots, JM %s, TM %s%s%n",
                            target, w.deployment().label(), options.taskManagers(), options.slotsPerTaskManager(), options.jobManagerMemory(),
                            options.taskManagerMemory(), w.flinkConfig().isEmpty() ? "" : ", config " + w.flinkConfig()));
                    sb.append(String.format("    deploy:  %s %s %s (parallelism %d, %s)%n", w.jar(), w.entryClass(),
                            String.join(" ", w.args()), w.parallelism(), w.bounded() ? "bounded" : "unbounded"));
                    sb.append("    checks:  deploy, first-checkpoint")
                            .append(w.checks(OracleKind.AVAILABILITY) ? ", availability (" + w.availabilityWindow().toSeconds() + " s)" : "")
                            .append(w.bounded() ? "" : ", taskmanager-loss, jobmanager-failover")
                            .append(w.bounded() ? ", finish" : ", cancel")
                            .append(w.checks(OracleKind.EXACTLY_ONCE) ? ", exactly-once" : "").append('\n');
                    sb.append(w.bounded() ? "    faults:  none\n"
                            : "    faults:  a TaskManager kill and a JobManager kill, each recovered before the next\n");
                }
            }
            if (suites.contains(FaultSuite.class) && !w.bounded()) {
                for (String target : targets) {
                    sb.append(String.format("- %s @ %s [fault]%n", w.id(), target));
                    sb.append("    schedule (seed ").append(seed).append("):\n");
                    FaultSuite.schedule(seed).describe().forEach(f -> sb.append("    inject:  ").append(f).append('\n'));
                }
            }
            if (suites.contains(MigrationSuite.class) && w.bounded() && w.checks(OracleKind.EXACTLY_ONCE)) {
                String pairs = targets.size() == 1 ? targets.get(0) + " <-> " + targets.get(0) + " (two clusters)"
                        : String.join(", ", targets) + " (every pair)";
                sb.append(String.format("- %s @ %s [migration]%n", w.id(), pairs));
                sb.append("    checks:  equivalent-output (run on each side, compare committed output as multisets),\n"
                        + "             savepoint-portability (stop-with-savepoint at 1/3 of the input, restore on the other side, both directions)\n");
            }
        }
        sb.append("oracles in this batch: ").append(batch.jobs().stream().flatMap(j -> j.oracles().stream())
                .map(OracleKind::label).distinct().sorted().collect(Collectors.joining(", "))).append('\n');
        return sb.toString();
    }

    private DryRun() {}
}
