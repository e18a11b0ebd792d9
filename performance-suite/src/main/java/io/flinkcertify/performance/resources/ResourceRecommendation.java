package io.flinkcertify.performance.resources;

import io.flinkcertify.harness.targets.Role;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recommends the Kubernetes resources of a job from what it used (as NetEase's platform and Kubernetes' VPA do):
 * request = P99 of usage plus a 15 % margin, rounded up (CPU to 0.1 core, memory to 64 MiB), never below Flink's
 * minimums; CPU limit factor = what the peak needs above the request; memory limit factor 1.0, because Flink sizes
 * its JVM from the process size and never grows beyond it, so memory above the request would only be borrowed
 * from the node.
 *
 * <p>Memory is judged from RSS: what the process touched. A JVM touches a large heap lazily, so RSS near the given
 * size means "needs about this much"; far below means the heap was never filled and a smaller process size is safe.
 *
 * <p>Keys as in Flink 1.20 (KubernetesConfigOptions, TaskManagerOptions, JobManagerOptions):
 * {@code kubernetes.*.cpu.amount} is the current name of {@code kubernetes.*.cpu}, which 1.20 still accepts as a
 * deprecated key; the current name is the one written so the snippet also holds on Flink 2.
 */
public final class ResourceRecommendation {

    static final double MARGIN = 1.15;
    static final double PERCENTILE = 99;
    static final double CPU_STEP = 0.1;
    static final long MEMORY_STEP = 64L << 20;
    /** Flink requires a positive CPU amount; a tenth of a core is the smallest step this recommends. */
    static final double MIN_CPU = CPU_STEP;
    /**
     * Smallest process sizes Flink's default memory model accepts, rounded up to the step: a JobManager needs heap
     * (128m minimum recommended) + off-heap 128m + metaspace 256m + overhead minimum 192m = 704m; a TaskManager's
     * default fractions leave task heap above zero from about 1g on (framework heap and off-heap 128m each,
     * network minimum 64m, metaspace 256m, overhead minimum 192m, managed 40 %).
     */
    static final long MIN_JOBMANAGER_MEMORY = 768L << 20;
    static final long MIN_TASKMANAGER_MEMORY = 1024L << 20;

    /** The recommendation for one role, next to what it was given and what it used. */
    public record RoleAdvice(Role role, ResourceUsage.Given given, double cpuP99, double cpuMax, long rssP99Bytes,
                             long peakRssBytes, double cpu, long processMemoryBytes, double cpuLimitFactor,
                             double memoryLimitFactor) {

        List<String> yaml() {
            String prefix = role == Role.JOBMANAGER ? "jobmanager" : "taskmanager";
            return List.of(
                    String.format(Locale.ROOT, "kubernetes.%s.cpu.amount: %s", prefix, decimal(cpu)),
                    String.format(Locale.ROOT, "kubernetes.%s.cpu.limit-factor: %s", prefix, decimal(cpuLimitFactor)),
                    String.format(Locale.ROOT, "%s.memory.process.size: %dm", prefix, processMemoryBytes >> 20),
                    String.format(Locale.ROOT, "kubernetes.%s.memory.limit-factor: %s", prefix, decimal(memoryLimitFactor)));
        }
    }

    /** One job's recommendation: per role, and the ready Flink configuration snippet. */
    public record Recommendation(List<RoleAdvice> roles, String flinkConfigYaml) {
        public Recommendation {
            roles = List.copyOf(roles);
        }
    }

    public static Recommendation recommend(List<ResourceUsage> usage) {
        List<RoleAdvice> roles = new ArrayList<>();
        List<String> yaml = new ArrayList<>();
        yaml.add("# recommended from observed P99 usage + 15 % (CPU cores per process, RSS per process)");
        for (Role role : Role.values()) {
            List<ResourceUsage> ofRole = usage.stream().filter(u -> u.role() == role).toList();
            if (ofRole.size() > 1) {
                throw new IllegalArgumentException("usage of the " + role.name().toLowerCase() + " given twice: merge the samples of its processes into one ResourceUsage");
            }
            if (!ofRole.isEmpty()) {
                RoleAdvice advice = advise(ofRole.get(0));
                roles.add(advice);
                yaml.add(String.format(Locale.ROOT, "# %s: given %s cores / %dm, used P99 %s cores (max %s) / RSS P99 %dm (peak %dm)",
                        role.name().toLowerCase(), decimal(advice.given().cpuCores()), advice.given().processMemoryBytes() >> 20,
                        decimal2(advice.cpuP99()), decimal2(advice.cpuMax()), advice.rssP99Bytes() >> 20, advice.peakRssBytes() >> 20));
                yaml.addAll(advice.yaml());
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no resource usage to recommend from");
        }
        return new Recommendation(roles, String.join("\n", yaml) + "\n");
    }

    static RoleAdvice advise(ResourceUsage u) {
        double cpuP99 = percentile(u.coresPerProcess().stream().mapToDouble(Double::doubleValue).toArray());
        double cpuMax = u.coresPerProcess().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        long rssP99 = (long) Math.ceil(percentile(u.rssBytesPerProcess().stream().mapToDouble(Long::doubleValue).toArray()));
        long peak = Math.max(u.peakRssBytes(), u.rssBytesPerProcess().stream().mapToLong(Long::longValue).max().orElseThrow());

        double cpu = Math.max(MIN_CPU, roundUp(cpuP99 * MARGIN, CPU_STEP));
        // the request covers P99; the limit lets the observed peak (start-up, checkpoints, recovery) through
        double cpuLimitFactor = Math.max(1.0, roundUp(cpuMax * MARGIN / cpu, CPU_STEP));
        long memoryFloor = u.role() == Role.JOBMANAGER ? MIN_JOBMANAGER_MEMORY : MIN_TASKMANAGER_MEMORY;
        // P99 of RSS with the margin, but never below the peak actually reached: an OOM kill is not a slowdown
        long memoryNeed = Math.max((long) Math.ceil(rssP99 * MARGIN), peak);
        long memory = Math.max(memoryFloor, roundUp(memoryNeed, MEMORY_STEP));
        return new RoleAdvice(u.role(), u.given(), cpuP99, cpuMax, rssP99, peak, cpu, memory, cpuLimitFactor, 1.0);
    }

    private static double percentile(double[] values) {
        return new DescriptiveStatistics(values).getPercentile(PERCENTILE);
    }

    private static double roundUp(double value, double step) {
        // the epsilon keeps 0.30000000000000004 at 0.3 instead of rounding it up to 0.4
        return Math.ceil(value / step - 1e-9) * step;
    }

    private static long roundUp(long value, long step) {
        return (value + step - 1) / step * step;
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String decimal2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private ResourceRecommendation() {}
}
