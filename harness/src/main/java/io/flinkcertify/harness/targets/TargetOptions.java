package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.flink.FlinkConfig;
import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.targets.kubernetes.KubernetesAccess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to start a target. Immutable; every {@code with...} returns a changed copy, so suites derive per-job
 * options from one base without side effects.
 */
public record TargetOptions(FlinkDistribution distribution, int taskManagers, int slotsPerTaskManager,
                            String jobManagerMemory, String taskManagerMemory, FlinkConfig overrides,
                            Path workRoot, Duration startTimeout, DeploymentMode deployment,
                            KubernetesAccess kubernetes, Duration zookeeperTick) {

    /**
     * The tick of yarn-mini's ZooKeeper as production ensembles run it (ZooKeeper's sample config and most
     * deployments): the server caps every session at 20 ticks, so 40 s here. A 500 ms tick caps Flink's 60 s
     * default at 10 s, no longer than the fault suite's ZooKeeper suspension.
     */
    public static final Duration PRODUCTION_ZOOKEEPER_TICK = Duration.ofMillis(2000);

    public static TargetOptions defaults(FlinkDistribution distribution) {
        return new TargetOptions(distribution, 1, 2, "1024m", "1024m", FlinkConfig.empty(),
                Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(120), DeploymentMode.APPLICATION,
                KubernetesAccess.none(), PRODUCTION_ZOOKEEPER_TICK);
    }

    public TargetOptions withTaskManagers(int n) {
        return new TargetOptions(distribution, n, slotsPerTaskManager, jobManagerMemory, taskManagerMemory,
                overrides, workRoot, startTimeout, deployment, kubernetes, zookeeperTick);
    }

    /** Cluster-level Flink settings of the job under test (heartbeats, HA, memory ...). */
    public TargetOptions withOverrides(Map<String, String> more) {
        return new TargetOptions(distribution, taskManagers, slotsPerTaskManager, jobManagerMemory,
                taskManagerMemory, overrides.withAll(more), workRoot, startTimeout, deployment, kubernetes, zookeeperTick);
    }

    public TargetOptions withWorkRoot(Path root) {
        return new TargetOptions(distribution, taskManagers, slotsPerTaskManager, jobManagerMemory,
                taskManagerMemory, overrides, root, startTimeout, deployment, kubernetes, zookeeperTick);
    }

    /**
     * A cluster's Flink configuration: sizes and slots from these options, then the job's own settings, then what
     * the target owns (addresses, ports, directories), which nothing may override.
     */
    public FlinkConfig clusterConfig(Map<String, String> owned) {
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        defaults.put("jobmanager.memory.process.size", jobManagerMemory);
        defaults.put("taskmanager.memory.process.size", taskManagerMemory);
        // the reference workloads keep state on heap; managed memory is for RocksDB/batch, so keep it small
        defaults.put("taskmanager.memory.managed.fraction", "0.1");
        defaults.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
        defaults.put("parallelism.default", "1");
        // a YARN or Kubernetes session cluster starts its TaskManagers with the cluster rather than on a job's first
        // request (measured: submit -> RUNNING 10-12 s on yarn-mini and k8s-emulated against 3 s standalone, the
        // difference being worker start-up); without effect on standalone, whose workers the harness starts itself
        defaults.put("slotmanager.number-of-slots.min", Integer.toString(taskManagers * slotsPerTaskManager));
        // the REST API's metrics (records in/out, back-pressure) refresh every 10 s by default: too coarse for a
        // throughput window sampled every 2 s
        defaults.put("metrics.fetcher.update-interval", "1000");
        // and the task view (job details) comes from an execution graph cached for this long (3 s by default): a
        // restart counter read from the metrics would otherwise run seconds ahead of the tasks it restarted, and
        // every "all tasks RUNNING" the harness times would be seen late. 100 ms: at 500 ms a restore's tasks were
        // RUNNING in the JobManager's log 0.2-0.6 s before a poll saw them
        defaults.put("web.refresh-interval", "100");
        return FlinkConfig.of(defaults).withAll(overrides.asMap()).withAll(owned);
    }

    /** How to reach an existing cluster, for the kubeconfig target. */
    public TargetOptions withKubernetes(KubernetesAccess access) {
        return new TargetOptions(distribution, taskManagers, slotsPerTaskManager, jobManagerMemory,
                taskManagerMemory, overrides, workRoot, startTimeout, deployment, access, zookeeperTick);
    }

    public TargetOptions withDeployment(DeploymentMode mode) {
        return new TargetOptions(distribution, taskManagers, slotsPerTaskManager, jobManagerMemory,
                taskManagerMemory, overrides, workRoot, startTimeout, mode, kubernetes, zookeeperTick);
    }

    /** yarn-mini's ZooKeeper tick (the batch's {@code zookeeper.tickTimeMs}); other targets have no ZooKeeper. */
    public TargetOptions withZookeeperTick(Duration tick) {
        return new TargetOptions(distribution, taskManagers, slotsPerTaskManager, jobManagerMemory,
                taskManagerMemory, overrides, workRoot, startTimeout, deployment, kubernetes, tick);
    }
}
