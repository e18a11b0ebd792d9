package io.flinkcertify.harness.run;

import io.flinkcertify.harness.capacity.Capacity;
import io.flinkcertify.harness.capacity.CapacitySearch;
import io.flinkcertify.harness.capacity.RateTrial;
import io.flinkcertify.harness.capacity.Turns;
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
 * <p>
 * Searches on several targets take {@link Turns}: the session cluster's start and each trial wait for the target's
 * turn, so searches running together alternate trial by trial and never share the machine.
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
        return search(job, target, argument, search, oracle, warmup, window, every, records, Turns.alone(target));
    }

    /** As above, each step in {@code target}'s turn; the target leaves the turns when its search ends. */
    public Judgement search(Workload job, String target, String argument, CapacitySearch search, CapacityOracle oracle,
                            Duration warmup, Duration window, Duration every,
                            Supplier<List<RunRecord>> records, Turns turns) {
        try (Teardown teardown = Teardown.global().child("capacity search " + job.id() + "@" + target)) {
            Target cluster = null;
            Teardown.Registration session = null;
            if (job.deployment() == DeploymentMode.SESSION) {
                cluster = TargetCatalog.create(target, JobRun.optionsFor(job, target, options));
                session = teardown.register(target + " session cluster of the capacity search", cluster);
                Target starting = cluster;
                inTurn(turns, target, () -> {
                    starting.start();
                    return null;
                });
            }
            Target shared = cluster;
            Capacity capacity = search.searchBelowCeiling(rate -> inTurn(turns, target, () -> trial(job, target,
                    shared, argument, rate, warmup, window, every)));
            if (session != null) {
                Teardown.Registration ending = session;
                // a cluster's shutdown takes the machine for seconds too: not inside another target's window
                inTurn(turns, target, () -> {
                    ending.close();
                    return null;
                });
            }
            return oracle.judge(argument, capacity, records.get());
        } finally {
            turns.leave(target);
        }
    }

    private static <T> T inTurn(Turns turns, String target, java.util.concurrent.Callable<T> step) {
        try {
            return turns.inTurn(target, step);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("capacity search on " + target + " interrupted while waiting for its turn", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
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
