package io.flinkcertify.performance;

import io.flinkcertify.harness.probe.ProcessTreeCpu;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;
import io.flinkcertify.harness.targets.Role;
import io.flinkcertify.performance.resources.ResourceRecommendation;
import io.flinkcertify.performance.resources.ResourceUsage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource recommendation for one job on one target from the usage its performance trials recorded: every
 * instance's /proc samples, per role, through {@link ResourceRecommendation} (P99 + 15 %).
 */
final class Recommender {

    /**
     * What the harness gives each process unless the job says otherwise (TargetOptions' defaults); the recommendation
     * shows it beside the usage.
     */
    static final ResourceUsage.Given JOBMANAGER_GIVEN = new ResourceUsage.Given(1.0, 1024L << 20);
    static final ResourceUsage.Given TASKMANAGER_GIVEN = new ResourceUsage.Given(1.0, 1024L << 20);

    /** The Flink configuration snippet, or null when no usage was sampled (no local processes to read). */
    static String snippet(List<RunRecord> runs) {
        Map<Role, Map<String, List<ProcessTreeCpu.Sample>>> byRole = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            for (RunEvent.UsageSampled u : run.all(RunEvent.UsageSampled.class).toList()) {
                for (RunEvent.UsageSampled.InstanceUsage i : u.instances()) {
                    byRole.computeIfAbsent(Role.valueOf(i.role().toUpperCase()), r -> new LinkedHashMap<>())
                            .computeIfAbsent(run.run() + "/" + i.id(), k -> new ArrayList<>())
                            .add(new ProcessTreeCpu.Sample(Instant.ofEpochMilli(u.at()), 0, i.cpuSeconds(),
                                    i.coresUsed() == null ? Double.NaN : i.coresUsed(),
                                    List.of(new ProcessTreeCpu.ProcessMemory(i.pid(), i.rssBytes(), i.peakRssBytes()))));
                }
            }
        }
        List<ResourceUsage> usage = new ArrayList<>();
        byRole.forEach((role, instances) -> {
            boolean anyCores = instances.values().stream().flatMap(List::stream).anyMatch(s -> !Double.isNaN(s.coresUsed()));
            if (anyCores) {
                usage.add(ResourceUsage.of(role, role == Role.JOBMANAGER ? JOBMANAGER_GIVEN : TASKMANAGER_GIVEN,
                        List.copyOf(instances.values())));
            }
        });
        return usage.isEmpty() ? null : ResourceRecommendation.recommend(usage).flinkConfigYaml();
    }

    private Recommender() {}
}
