package io.flinkcertify.harness.junit;

import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.plan.CheckAction;
import io.flinkcertify.harness.plan.PlannedCheck;
import io.flinkcertify.harness.plan.PlannedGroup;
import io.flinkcertify.harness.run.CapacitySearches;
import io.flinkcertify.harness.run.CheckId;
import io.flinkcertify.harness.run.CheckLedger;
import io.flinkcertify.harness.run.CheckRunner;
import io.flinkcertify.harness.run.JobRun;
import io.flinkcertify.harness.run.MigrationRehearsal;
import io.flinkcertify.harness.run.RunSettings;
import io.flinkcertify.harness.run.TuningComparison;
import io.flinkcertify.harness.targets.TargetCatalog;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.targets.TargetUnavailable;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.ManifestLoader;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What a suite needs to declare its checks: the batch, the targets, and a way to turn a phase into a recorded,
 * reported JUnit test. Suites stay declarative; the harness does the work.
 */
public final class CertifyContext {

    private final RunSettings settings;
    private final FlinkDistribution distribution;
    private final Batch batch;
    private final CheckRunner checks;
    private final Map<String, Optional<String>> unavailable = new ConcurrentHashMap<>();

    CertifyContext(RunSettings settings) {
        this.settings = settings;
        this.distribution = FlinkDistribution.fromClasspath();
        Path manifest = settings.batch() != null ? settings.batch()
                : distribution.batchesDir().resolve("reference.yaml");
        this.batch = RunSettings.jobsOf(new ManifestLoader(distribution.referenceJobJar()).load(manifest), settings.shard(),
                settings.jobs());
        this.checks = new CheckRunner(new CheckLedger(settings.out()));
    }

    public Batch batch() {
        return batch;
    }

    public RunSettings settings() {
        return settings;
    }

    public FlinkDistribution distribution() {
        return distribution;
    }

    public List<String> targets() {
        return settings.targets().isEmpty() ? List.copyOf(TargetCatalog.defaults()) : settings.targets();
    }

    public TargetOptions targetOptions() {
        TargetOptions options = TargetOptions.defaults(distribution).withKubernetes(settings.kubernetes());
        return batch.zookeeperTick() == null ? options : options.withZookeeperTick(batch.zookeeperTick());
    }

    /** A fresh, not yet started run of the workload on the target. */
    JobRun jobRun(Workload job, String target) {
        return new JobRun(job, target, targetOptions(), settings.out());
    }

    /**
     * The JUnit tests of planned groups: one container per group, one test per planned check, named as planned.
     * A group's deployment ends with its container.
     */
    public Stream<DynamicNode> tests(List<PlannedGroup> plannedGroups) {
        // a rerun of failed checks: only the groups that hold one run again, whole (a deployment's phases are a sequence)
        List<PlannedGroup> groups = settings.only().isEmpty() ? plannedGroups : plannedGroups.stream()
                .filter(g -> g.checks().stream().anyMatch(c -> settings.only()
                        .contains(RunSettings.checkKey(c.suite(), c.job().id(), c.target(), c.name())))).toList();
        Supplier<MigrationRehearsal> rehearsal = () -> new MigrationRehearsal(targetOptions(), settings.out());
        Supplier<TuningComparison> comparison = () -> new TuningComparison(targetOptions(), settings.out());
        // asked once, as the factory runs and before any check: a target that cannot run here (k3s without
        // Docker) skips its checks with the reason, instead of each check trying to start it
        groups.stream().flatMap(g -> g.checks().stream()).flatMap(c -> c.kinds().stream()).forEach(this::unavailable);
        CapacitySearches capacitySearches = new CapacitySearches(capacityTargets(groups));
        return groups.stream().map(group -> {
            GroupStage stage = new GroupStage(group, this, rehearsal, comparison, capacitySearches);
            // the stage joins the container's JUnit store on its first check (CertifyExtension): it ends with it
            return DynamicContainer.dynamicContainer(group.name(),
                    group.checks().stream().map(planned -> test(planned, stage)));
        });
    }

    private DynamicTest test(PlannedCheck planned, GroupStage stage) {
        CheckId id = new CheckId(planned.job().id(), planned.suite(), planned.target(), planned.name());
        return DynamicTest.dynamicTest(planned.name(), new StagedCheck(stage, () -> checks.run(id, () -> {
            if (planned.skipped().isPresent()) {
                throw new TestAbortedException(planned.skipReason());
            }
            for (String kind : planned.kinds()) {
                Optional<String> reason = unavailable(kind);
                if (reason.isPresent()) {
                    throw new TargetUnavailable(reason.get());
                }
            }
            return planned.action().perform(stage);
        })));
    }

    /** Per job, the targets whose capacity these groups search (and can: an unavailable target's check skips). */
    private Map<String, List<String>> capacityTargets(List<PlannedGroup> groups) {
        Map<String, List<String>> targets = new java.util.LinkedHashMap<>();
        groups.stream().flatMap(g -> g.checks().stream())
                .filter(c -> c.action() instanceof CheckAction.SearchCapacity && c.skipped().isEmpty()
                        && c.kinds().stream().allMatch(k -> unavailable(k).isEmpty()))
                .forEach(c -> targets.computeIfAbsent(c.job().id(), j -> new java.util.ArrayList<>()).add(c.target()));
        return targets;
    }

    /** Why a target kind cannot run on this machine, asked once per run (the Docker probe takes seconds). */
    private Optional<String> unavailable(String kind) {
        return unavailable.computeIfAbsent(kind, TargetCatalog::unavailableReason);
    }
}
