package io.flinkcertify.harness.run;

import io.flinkcertify.harness.capacity.Capacity;
import io.flinkcertify.harness.capacity.CapacitySearch;
import io.flinkcertify.harness.capacity.RateTrial;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.oracle.CapacityOracle;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.probe.WaitTimeout;
import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.targets.Target;
import io.flinkcertify.harness.targets.TargetCatalog;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import io.flinkcertify.harness.record.RunRecord;

/**
 * Runs a capacity search on real deployments at the job's own resources: each trial sets the job's rate argument
 * to the offered rate (Theodolite runs one experiment per load the same way), a warm-up, a load window recorded
 * under {@value CapacityOracle#PHASE}, then cancel. A session-mode job's trials share one session cluster, started
 * once for the search: a trial then costs a submission instead of a deployment (on this machine 20-30 s less each),
 * and a cluster's start is no part of what a capacity trial measures. An application-mode job's cluster ends with
 * its job, so there every trial deploys. The trial's figures are read back from its run record, so the search and a
 * later re-judging see the same numbers.
 */
public final class CapacityTrials {

    private final TargetOptions options;
    private final Path reportDir;

    public CapacityTrials(TargetOptions options, Path reportDir) {
        this.options = options;
        this.reportDir = reportDir;
    }

    /**
     * @param argument the job argument that sets its rate, e.g. {@code --rate}
     * @param records  the job's run records on the target once the search is done (the evidence is read from them)
     */
    public Judgement search(Workload job, String target, String argument, CapacitySearch search, CapacityOracle oracle,
                            Duration warmup, Duration window, Duration every,
                            Supplier<List<RunRecord>> records) {
        try (Teardown teardown = Teardown.global().child("capacity search " + job.id() + "@" + target)) {
            Target cluster = null;
            if (job.deployment() == DeploymentMode.SESSION) {
                cluster = TargetCatalog.create(target, JobRun.optionsFor(job, target, options));
                teardown.register(target + " session cluster of the capacity search", cluster);
                cluster.start();
            }
            Target shared = cluster;
            Capacity capacity = search.searchBelowCeiling(rate -> trial(job, target, shared, argument, rate, warmup,
                    window, every));
            return oracle.judge(argument, capacity, records.get());
        }
    }

    private RateTrial trial(Workload job, String target, Target cluster, String argument, double rate,
                            Duration warmup, Duration window, Duration every) {
        Workload atRate = job.withArg(argument, rateText(rate));
        try (JobRun run = cluster != null ? JobRun.onCluster(atRate, cluster, options, reportDir)
                : new JobRun(atRate, target, options, reportDir)) {
            run.rateOffered(argument, rate);
            Judgement deployed = run.deploy();
            if (!deployed.passed()) {
                throw new IllegalStateException("capacity trial at " + rateText(rate) + " records/s: " + deployed.reason());
            }
            // a first checkpoint that does not come at this rate is the trial's finding (checkpoints must keep
            // completing), not a reason to stop measuring
            try {
                run.firstCheckpoint();
                run.throughput(CapacityOracle.PHASE, warmup, window, every);
                run.finish();
            } catch (WaitTimeout e) {
                // no checkpoint within its timeout: the record's window is empty, and the trial achieved nothing
            }
            return CapacityOracle.trial(run.record()).orElseThrow().trial();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("capacity trial at " + rateText(rate) + " records/s: " + e.getMessage(), e);
        }
    }

    /** Whole records per second, as a job's rate argument expects. */
    static String rateText(double rate) {
        return Long.toString(Math.round(rate));
    }
}
