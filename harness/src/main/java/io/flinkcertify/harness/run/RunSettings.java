package io.flinkcertify.harness.run;

import io.flinkcertify.harness.plan.Shard;
import io.flinkcertify.harness.targets.kubernetes.KubernetesAccess;
import io.flinkcertify.harness.workload.Batch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a certification run is asked to do. The CLI passes these as JUnit configuration parameters; under Maven
 * they come from system properties (JUnit falls back to them), so both paths run the suites identically.
 *
 * @param batch   manifest path, or null for the reference batch
 * @param targets target kinds, or empty for the defaults
 * @param performanceTrials deployments per job x target the performance suite measures ({@link #DEFAULT_PERFORMANCE_TRIALS}
 *                          by default)
 * @param capacityTrials    the most deployments a capacity search may spend per job x target (0: no capacity search)
 * @param faults            the fault kinds the fault suite injects; empty: the whole catalogue
 * @param only              when not empty, only the groups holding a check of these {@link #checkKey}s run (a rerun
 *                          of failed checks), whole; empty runs everything
 * @param shard             when not null, only this shard's jobs of the batch are certified ({@code --shard I/N})
 * @param tunings           the settings the tuned-vs-default comparisons cover: null for all of them, empty for none
 * @param faultSuiteRuns    whether the fault suite runs in this certification: its schedule then holds the
 *                          TaskManager loss and JobManager failover the integration suite would repeat
 * @param tuningTrials      runs per side of each tuned-vs-default comparison ({@code --tuning-trials})
 * @param integrationSuiteRuns whether the integration suite runs in this certification too: with the fault suite,
 *                          an unbounded job's one deployment per target then serves both (the fault suite's, with the
 *                          integration suite's availability window before its schedule)
 * @param jobs              when not empty, only these jobs of the batch (or of its shard) are certified ({@code --job};
 *                          a {@code --parallel} lane is a child run given one job this way)
 * @param performanceSuiteRuns whether the performance suite was asked for: without it (the regression suite alone) a
 *                          trial measures only what a baseline stores, and leaves out the JobManager failover and the
 *                          savepoint restore
 */
public record RunSettings(Path batch, List<String> targets, Path out, long seed, KubernetesAccess kubernetes,
                          int performanceTrials, int capacityTrials, Set<String> only, Shard shard,
                          Set<io.flinkcertify.harness.fault.FaultKind> faults, Set<String> tunings,
                          boolean faultSuiteRuns, int tuningTrials, boolean integrationSuiteRuns, Set<String> jobs,
                          boolean performanceSuiteRuns) {

    public static final String BATCH = "certify.batch";
    public static final String TARGETS = "certify.targets";
    public static final String OUT = "certify.out";
    public static final String SEED = "certify.seed";
    public static final String KUBECONFIG = "certify.kubeconfig";
    public static final String KUBE_CONTEXT = "certify.kube-context";
    public static final String NAMESPACE = "certify.namespace";
    public static final String ALLOWED_NAMESPACES = "certify.allowed-namespaces";
    public static final String FLINK_IMAGE = "certify.flink-image";
    public static final String STORAGE_DIR = "certify.storage-dir";
    public static final String PERFORMANCE_TRIALS = "certify.performance.trials";
    /**
     * Two: the budget the performance issue set (one job on two targets within 10 minutes on 2 cores) allows no more.
     * A trial holds a JobManager failover, which on yarn-mini waits out the ZooKeeper session (40 s at the production
     * tick), so three trials take about 14 minutes there. {@code --trials} sets more for a certification.
     */
    public static final int DEFAULT_PERFORMANCE_TRIALS = 2;
    public static final String CAPACITY_TRIALS = "certify.capacity.trials";
    /** The ceiling, one rate just under it and its failed 1.25x step, with room for one step down. */
    public static final int DEFAULT_CAPACITY_TRIALS = 5;
    public static final String ONLY = "certify.only";
    public static final String SHARD = "certify.shard";
    /** The fault kinds the fault suite injects, by label, comma-separated; empty: the whole catalogue. */
    public static final String FAULTS = "certify.faults";
    /** The settings the tuned-vs-default comparisons cover, comma-separated, or {@link #NO_TUNINGS}; absent: all. */
    public static final String TUNINGS = "certify.tunings";
    public static final String NO_TUNINGS = "none";
    /** "true" when the fault suite runs too (the CLI knows; a Maven module alone does not, and keeps every check). */
    public static final String FAULT_SUITE_RUNS = "certify.fault-suite-runs";
    /** "true" when the integration suite runs too (the CLI knows; a Maven module alone does not). */
    public static final String INTEGRATION_SUITE_RUNS = "certify.integration-suite-runs";
    /**
     * "false" when the regression suite runs without the performance suite (the CLI knows; a Maven module alone does
     * not, and keeps every check).
     */
    public static final String PERFORMANCE_SUITE_RUNS = "certify.performance-suite-runs";
    /** Job ids, comma separated: only these jobs of the batch. */
    public static final String JOBS = "certify.jobs";
    /** Runs per side of a tuned-vs-default comparison. */
    public static final String TUNING_TRIALS = "certify.tuning-trials";
    /**
     * The fewest runs a side at which Mann-Whitney U can call a difference at alpha 0.05 (benchstat's rule, and the
     * regression suite's): with fewer, a comparison reports what it saw and calls nothing.
     */
    public static final int DEFAULT_TUNING_TRIALS = 4;

    /** The key of a check for {@link #only}: its suite, job, target and name. */
    public static String checkKey(String suite, String job, String target, String name) {
        return suite + "|" + job + "|" + target + "|" + name;
    }

    /** Reads the settings through a lookup (JUnit's configuration parameters, or System::getProperty). */
    public static RunSettings from(Function<String, Optional<String>> lookup) {
        Path batch = lookup.apply(BATCH).filter(s -> !s.isBlank()).map(Path::of).orElse(null);
        List<String> targets = lookup.apply(TARGETS).filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList())
                .orElse(List.of());
        Path out = lookup.apply(OUT).filter(s -> !s.isBlank()).map(Path::of).orElse(Path.of("target", "certify"));
        long seed = lookup.apply(SEED).filter(s -> !s.isBlank()).map(Long::parseLong).orElse(1L);
        KubernetesAccess kubernetes = new KubernetesAccess(
                value(lookup, KUBECONFIG).map(Path::of).orElse(null), value(lookup, KUBE_CONTEXT).orElse(null),
                value(lookup, NAMESPACE).orElse(null),
                value(lookup, ALLOWED_NAMESPACES).map(s -> Set.copyOf(Arrays.stream(s.split(",")).map(String::trim)
                        .filter(n -> !n.isEmpty()).toList())).orElse(Set.of()),
                value(lookup, FLINK_IMAGE).orElse(null), value(lookup, STORAGE_DIR).orElse(null));
        int trials = value(lookup, PERFORMANCE_TRIALS).map(Integer::parseInt).orElse(DEFAULT_PERFORMANCE_TRIALS);
        int capacityTrials = value(lookup, CAPACITY_TRIALS).map(Integer::parseInt).orElse(DEFAULT_CAPACITY_TRIALS);
        Set<String> only = value(lookup, ONLY).map(v -> Set.copyOf(Arrays.asList(v.split(";")))).orElse(Set.of());
        Shard shard = value(lookup, SHARD).map(Shard::parse).orElse(null);
        Set<io.flinkcertify.harness.fault.FaultKind> faults = value(lookup, FAULTS).map(v -> Set.copyOf(Arrays.stream(v.split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).map(io.flinkcertify.harness.fault.FaultKind::ofLabel).toList()))
                .orElse(Set.of());
        Set<String> tunings = value(lookup, TUNINGS).map(v -> v.trim().equals(NO_TUNINGS) ? Set.<String>of()
                : Set.copyOf(Arrays.stream(v.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList())).orElse(null);
        boolean faultSuiteRuns = value(lookup, FAULT_SUITE_RUNS).map(Boolean::parseBoolean).orElse(false);
        int tuningTrials = value(lookup, TUNING_TRIALS).map(Integer::parseInt).orElse(DEFAULT_TUNING_TRIALS);
        boolean integrationSuiteRuns = value(lookup, INTEGRATION_SUITE_RUNS).map(Boolean::parseBoolean).orElse(false);
        Set<String> jobs = value(lookup, JOBS).map(v -> Set.copyOf(Arrays.stream(v.split(",")).map(String::trim)
                .filter(j -> !j.isEmpty()).toList())).orElse(Set.of());
        boolean performanceSuiteRuns = value(lookup, PERFORMANCE_SUITE_RUNS).map(Boolean::parseBoolean).orElse(true);
        return new RunSettings(batch, targets, out, seed, kubernetes, trials, capacityTrials, only, shard, faults, tunings,
                faultSuiteRuns, tuningTrials, integrationSuiteRuns, jobs, performanceSuiteRuns);
    }

    /**
     * The jobs of the batch this run certifies: all of them, or its shard's, narrowed to {@code jobs} when that is
     * not empty. The suites, the dry run and the CLI's own job list all go through here, so they agree on which jobs
     * run.
     */
    public static Batch jobsOf(Batch batch, Shard shard, Set<String> jobs) {
        Batch sharded = shard == null ? batch : shard.select(batch);
        return jobs.isEmpty() ? sharded : new Batch(sharded.name(), sharded.manifest(),
                sharded.jobs().stream().filter(j -> jobs.contains(j.id())).toList(), sharded.zookeeperTick());
    }

    private static Optional<String> value(Function<String, Optional<String>> lookup, String key) {
        return lookup.apply(key).filter(s -> !s.isBlank());
    }
}
