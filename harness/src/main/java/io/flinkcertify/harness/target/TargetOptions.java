package io.flinkcertify.harness.target;

import io.flinkcertify.harness.flink.FlinkConfig;
import io.flinkcertify.harness.flink.FlinkDistribution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to start a target. Immutable; every {@code with...} returns a changed copy, so suites derive per-job
 * options from one base without side effects.
 */
public record TargetOptions(FlinkDistribution distribution, int taskManagers, int slotsPerTaskManager,
                            String jobManagerMemory, String taskManagerMemory, FlinkConfig overrides,
                            Path workRoot, Duration startTimeout) {

    public static TargetOptions defaults(FlinkDistribution distribution) {
        return new TargetOptions(distribution, 1, 2, "1024m", "1024m", FlinkConfig.empty(),
                Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(120));
    }

    public TargetOptions withTaskManagers(int n) {
        return new TargetOptions(distribution, n, slotsPerTaskManager, jobManagerMemory, taskManagerMemory,
                overrides, workRoot, startTimeout);
    }

    /** Cluster-level Flink settings of the job under test (heartbeats, HA, memory ...). */
    public TargetOptions withOverrides(Map<String, String> more) {
        return new TargetOptions(distribution, taskManagers, slotsPerTaskManager, jobManagerMemory,
                taskManagerMemory, overrides.withAll(more), workRoot, startTimeout);
    }

    public TargetOptions withWorkRoot(Path root) {
        return new TargetOptions(distribution, taskManagers, slotsPerTaskManager, jobManagerMemory,
                taskManagerMemory, overrides, root, startTimeout);
    }

}
