package io.flinkcertify.harness.run;

import io.flinkcertify.harness.capacity.Capacity;
import io.flinkcertify.harness.capacity.CapacitySearch;
import io.flinkcertify.harness.capacity.RateTrial;
import io.flinkcertify.harness.oracle.CapacityOracle;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.probe.WaitTimeout;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import io.flinkcertify.harness.record.RunRecord;

/**
 * Runs a capacity search on real deployments: each trial is a fresh cluster at the job's own resources with its
 * rate argument set to the offered rate (Theodolite runs one experiment per load the same way), a warm-up, a load
 * window recorded under {@value CapacityOracle#PHASE}, then cancel. The trial's figures are read back from its
 * run record, so the search and a later re-judging see the same numbers.
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
        Capacity capacity = search.searchBelowCeiling(rate -> trial(job, target, argument, rate, warmup, window, every));
        return oracle.judge(argument, capacity, records.get());
    }

    private RateTrial trial(Workload job, String target, String argument, double rate, Duration warmup,
                            Duration window, Duration every) {
        try (JobRun run = new JobRun(job.withArg(argument, rateText(rate)), target, options, reportDir)) {
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
