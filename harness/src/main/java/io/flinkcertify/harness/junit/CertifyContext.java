package io.flinkcertify.harness.junit;

import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.run.CheckId;
import io.flinkcertify.harness.run.CheckLedger;
import io.flinkcertify.harness.run.CheckRunner;
import io.flinkcertify.harness.run.JobRun;
import io.flinkcertify.harness.run.RunSettings;
import io.flinkcertify.harness.targets.TargetCatalog;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.ManifestLoader;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.DynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a suite needs to declare its checks: the batch, the targets, and a way to turn a phase into a recorded,
 * reported JUnit test. Suites stay declarative; the harness does the work.
 */
public final class CertifyContext {

    private final RunSettings settings;
    private final FlinkDistribution distribution;
    private final Batch batch;
    private final CheckRunner checks;

    CertifyContext(RunSettings settings) {
        this.settings = settings;
        this.distribution = FlinkDistribution.fromClasspath();
        Path manifest = settings.batch() != null ? settings.batch()
                : distribution.batchesDir().resolve("reference.yaml");
        this.batch = new ManifestLoader(distribution.referenceJobJar()).load(manifest);
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

    /** Every (job, target) pair of the run, in manifest order then target order. */
    public List<JobOnTarget> jobsOnTargets() {
        List<JobOnTarget> pairs = new ArrayList<>();
        for (Workload w : batch.jobs()) {
            for (String t : targets()) {
                pairs.add(new JobOnTarget(w, t));
            }
        }
        return pairs;
    }

    public record JobOnTarget(Workload workload, String target) {
        public String displayName() {
            return workload.id() + " @ " + target;
        }
    }

    /** Unordered pairs of the run's targets; with one target, that target with itself (two separate clusters). */
    public List<List<String>> targetPairs() {
        List<String> kinds = targets();
        List<List<String>> pairs = new ArrayList<>();
        if (kinds.size() == 1) {
            pairs.add(List.of(kinds.get(0), kinds.get(0)));
        }
        for (int i = 0; i < kinds.size(); i++) {
            for (int j = i + 1; j < kinds.size(); j++) {
                pairs.add(List.of(kinds.get(i), kinds.get(j)));
            }
        }
        return pairs;
    }

    public TargetOptions targetOptions() {
        return TargetOptions.defaults(distribution).withKubernetes(settings.kubernetes());
    }

    /** A fresh, not yet started run of the workload on the target. */
    public JobRun jobRun(JobOnTarget pair) {
        return new JobRun(pair.workload(), pair.target(), targetOptions(), settings.out());
    }

    /** A JUnit test for one check whose outcome is recorded in the ledger and Allure. */
    public DynamicTest check(String suite, JobOnTarget pair, String name, CheckRunner.Body body) {
        CheckId id = new CheckId(pair.workload().id(), suite, pair.target(), name);
        return DynamicTest.dynamicTest(name, () -> checks.run(id, body));
    }
}
