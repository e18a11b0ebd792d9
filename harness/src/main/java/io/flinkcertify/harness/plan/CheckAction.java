package io.flinkcertify.harness.plan;

import io.flinkcertify.harness.evidence.FaultRun;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.oracle.PerformanceOracle;
import io.flinkcertify.harness.record.RunRecord;
import io.flinkcertify.harness.run.KubernetesConfigFile;
import io.flinkcertify.harness.run.Tuning;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.Map;

/**
 * What a planned check does, as data: the dry run describes it, a suite's test performs it. Each action knows the
 * one harness call it stands for, so a new kind of check is one record here, not a branch in every reader.
 */
public sealed interface CheckAction {

    /** What the check does, in one phrase, for the dry run. */
    String describe();

    /** Which oracle (or phase rule) decides the check's status. */
    String oracle();

    /** Runs the check on the stage the suite provides. */
    Judgement perform(CheckStage stage) throws Exception;

    /** Whether the action works on its group's one deployment (else it starts clusters of its own). */
    /** Fresh clusters the check deploys itself (a group's own deployment is counted once, by the group). */
    default int deployments() {
        return 0;
    }

    /** Fault-free runs to the end the check compares with, each reused where this certification has one. */
    default int references() {
        return 0;
    }

    default boolean onDeployment() {
        return true;
    }

    record Deploy() implements CheckAction {
        public String describe() {
            return "start a fresh cluster, submit the job, wait until every task is RUNNING";
        }

        public String oracle() {
            return "all tasks RUNNING within 120 s";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().deploy();
        }
    }

    record FirstCheckpoint() implements CheckAction {
        public String describe() {
            return "wait for the first completed checkpoint";
        }

        public String oracle() {
            return "a checkpoint completed within 90 s";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().firstCheckpoint();
        }
    }

    record Availability(Duration window) implements CheckAction {
        public String describe() {
            return "observe the job for " + window.toSeconds() + " s";
        }

        public String oracle() {
            return "availability";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().availability();
        }
    }

    /**
     * A fault injected into the running job and reverted, judged on recovery.
     *
     * @param schedule where the fault sits in a seeded schedule (seed, position, of), recorded as evidence; null
     *                 for a fault outside any schedule
     */
    record Inject(Fault fault, Duration grace, FaultRun.SchedulePosition schedule) implements CheckAction {

        public String describe() {
            return "inject " + fault.describe() + ", revert, wait for recovery";
        }

        public String oracle() {
            return "recovery within " + grace.toSeconds() + " s";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            Judgement j = stage.deployment().fault(fault, grace);
            return schedule == null || !(j.evidence() instanceof FaultRun run) ? j
                    : new Judgement(j.passed(), j.reason(), run.withSchedule(schedule));
        }
    }

    /** Stop-with-savepoint into the deployment's own workspace. */
    record StopWithSavepoint() implements CheckAction {
        public String describe() {
            return "stop the job with a savepoint";
        }

        public String oracle() {
            return "savepoint taken, final state FINISHED";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().stopWithSavepoint();
        }
    }

    /** The stopped job resubmitted to its session cluster from its own savepoint: the restore cost. */
    record Restore() implements CheckAction {
        public String describe() {
            return "resubmit the job from its savepoint to the same session cluster, wait until every task is RUNNING";
        }

        public String oracle() {
            return "all tasks RUNNING within 120 s of the submit";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().restoreInPlace();
        }
    }

    /** A bounded job must finish; an unbounded one is cancelled. */
    record Finish(boolean bounded) implements CheckAction {
        public String describe() {
            return bounded ? "wait for the job to finish" : "cancel the job";
        }

        public String oracle() {
            return bounded ? "final state FINISHED" : "final state CANCELED";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().finish();
        }
    }

    /** An unbounded job's committed output by its declared record key: none committed twice. */
    record NoDuplicates() implements CheckAction {
        public String describe() {
            return "read the committed output by the job's record key";
        }

        public String oracle() {
            return "no-duplicates";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return new io.flinkcertify.harness.oracle.DuplicateKeysOracle(stage.job().normalisation())
                    .judge(stage.deployment().outputDir());
        }
    }

    record WindowResults() implements CheckAction {
        public String describe() {
            return "read the committed window results and count the generator's events per window";
        }

        public String oracle() {
            return "window-results";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().windowResults();
        }
    }

    record ExactlyOnce() implements CheckAction {
        public String describe() {
            return "read the committed output";
        }

        public String oracle() {
            return "exactly-once";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().exactlyOnce();
        }
    }

    record EquivalentOutput(String left, String right) implements CheckAction {
        public int references() {
            return 2;
        }

        public String describe() {
            return "a fault-free run to the end on " + left + " and on " + right + " (the integration suite's runs "
                    + "where this certification made them, else fresh ones), committed outputs compared as multisets";
        }

        public String oracle() {
            return "equivalent-output";
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.rehearsal().equivalentOutput(stage.job(), left, right);
        }
    }

    record SavepointMove(String from, String to) implements CheckAction {
        public int deployments() {
            return 2;
        }

        public String describe() {
            return "stop-with-savepoint on " + from + " at 1/3 of the input, restore on " + to + ", finish";
        }

        public String oracle() {
            return "exactly-once across the move";
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.rehearsal().savepointMove(stage.job(), from, to);
        }
    }

    /** The job's production YARN settings carried to Kubernetes; reads configuration, starts nothing. */
    record CarrySettings() implements CheckAction {
        public String describe() {
            return "map the job's yarnConfig to Kubernetes settings (README: YARN settings on Kubernetes), write the "
                    + "production configuration to OUT/" + KubernetesConfigFile.FOLDER + "/<job>.yaml";
        }

        public String oracle() {
            return "every YARN setting carried, mapped, kept for production, or named as a finding";
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return KubernetesConfigFile.write(stage.out(), stage.job());
        }
    }

    /** A bounded job without the keyed-sequence convention through faults, against its fault-free run. */
    record SameOutputUnderFaults(String target, List<io.flinkcertify.harness.fault.Fault> faults, Duration grace)
            implements CheckAction {
        public int deployments() {
            return 1;
        }

        public int references() {
            return 1;
        }

        public String describe() {
            return "run to the end on " + target + " through " + faults.stream()
                    .map(io.flinkcertify.harness.fault.Fault::describe).toList() + ", and once without faults";
        }

        public String oracle() {
            return "equivalent-output of the faulted run and the fault-free run";
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.rehearsal().sameOutputUnderFaults(stage.job(), target, faults, grace);
        }
    }

    /** Two fault-free runs of a job without the keyed-sequence convention on one target, compared. */
    record Determinism(String target) implements CheckAction {
        public int references() {
            return 2;
        }

        public String describe() {
            return "run to the end twice on " + target + " without faults, compare committed output as multisets "
                    + "(after the job's normalisation)";
        }

        public String oracle() {
            return "equivalent-output of the two runs (the job's own variation)";
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.rehearsal().determinism(stage.job(), target);
        }
    }

    /** A savepoint move of a job without the keyed-sequence convention, judged against its uninterrupted run. */
    record SavepointMoveCompared(String from, String to) implements CheckAction {
        public int deployments() {
            return 2;
        }

        public int references() {
            return 1;
        }

        public String describe() {
            return "stop-with-savepoint on " + from + " at 1/3 of the input, restore on " + to + ", finish";
        }

        public String oracle() {
            return "equivalent-output with the uninterrupted run on " + from;
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.rehearsal().savepointMoveCompared(stage.job(), from, to);
        }
    }

    /** Tuned vs default: {@code trials} fresh runs a side under the tuning's fault, alternating the two values. */
    record CompareTuning(Tuning tuning, String target, Duration grace, int trials) implements CheckAction {
        public int deployments() {
            return 2 * trials;
        }

        public String describe() {
            return tuning.setting() + " " + tuning.flinkDefault() + " vs " + tuning.alternative() + " under "
                    + tuning.fault().describe() + ", " + trials + " run(s) a side alternating, a fresh cluster each";
        }

        public String oracle() {
            return "recovery and exactly-once on every run; a difference called by Mann-Whitney U (p < 0.05) is a "
                    + "config-lint finding";
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.comparison().compare(tuning, stage.job(), target, grace, trials);
        }
    }

    /** The running job's sustained load over a window, after a warm-up (records/s, cores, memory, checkpoints). */
    record MeasureThroughput(Duration warmup, Duration window, Duration every) implements CheckAction {
        public String describe() {
            return "warm up " + warmup.toSeconds() + " s, then sample records/s, back-pressure, CPU and RSS every "
                    + every.toSeconds() + " s for " + window.toSeconds() + " s";
        }

        public String oracle() {
            return "throughput: at least 3 load samples and records flowing";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().throughput(warmup, window, every);
        }
    }

    /**
     * A target's performance trials against the baseline target's, from this certification's run records.
     *
     * @param recommend the resource recommendation for the target's measured usage (a Flink config snippet), or
     *                  null when none can be made
     */
    record ComparePerformance(String baseline, String target, PerformanceOracle.Thresholds thresholds,
                              Function<List<RunRecord>, String> recommend) implements CheckAction {
        public String describe() {
            return "compare " + target + "'s trials with " + baseline + "'s (launch, throughput per core, recovery, "
                    + "checkpoint, memory) and recommend resources";
        }

        public String oracle() {
            return "performance: " + target + " not worse than " + baseline + " beyond threshold and noise";
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) {
            List<RunRecord> targetRuns = stage.records(target);
            return new PerformanceOracle(thresholds).judge(baseline, stage.records(baseline), target, targetRuns,
                    recommend.apply(targetRuns));
        }
    }

    /**
     * The highest rate the job sustains at its own resources on {@code target}: a search over its rate argument,
     * one fresh deployment per offered rate, the first at the search's maximum (the job's ceiling).
     *
     * @param trials the most deployments the search may spend
     */
    record SearchCapacity(String target, String rateArgument, io.flinkcertify.harness.capacity.SustainCriteria criteria,
                          double minRate, double maxRate, int trials, Duration warmup, Duration window, Duration every)
            implements CheckAction {
        public int deployments() {
            return trials;
        }

        public String describe() {
            return String.format("offer %.0f records/s through %s (the ceiling), then 1.25x steps from just under it, "
                    + "a fresh cluster per rate (at most %d), each: warm up %d s, measure %d s; the job's searches on "
                    + "its targets take turns, trial by trial", maxRate, rateArgument,
                    trials, warmup.toSeconds(), window.toSeconds());
        }

        public String oracle() {
            return String.format("capacity: sustained = source keeps >= %.0f %% of the rate, back-pressure <= %.0f %%, "
                    + ">= %d checkpoint(s) completed; proven by a failed 1.25x step", 100 * criteria.minAchievedShare(),
                    100 * criteria.maxBackPressureRatio(), criteria.minCompletedCheckpoints());
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) throws Exception {
            // the job's searches on its other targets are the same search there: they run with this one, in turn
            Judgement j = stage.capacitySearches().judge(stage.job().id(), target, (on, turns) -> stage.capacity()
                    .search(stage.job(), on, rateArgument,
                            new io.flinkcertify.harness.capacity.CapacitySearch(criteria, minRate, maxRate, trials),
                            new io.flinkcertify.harness.oracle.CapacityOracle(criteria), warmup, window, every,
                            () -> stage.records(on), turns));
            if (j.evidence() instanceof io.flinkcertify.harness.evidence.SearchedCapacity searched
                    && searched.capacity() instanceof io.flinkcertify.harness.capacity.Capacity.Inconclusive) {
                // the budget ran out on trials that contradict each other near the boundary (measured on standalone:
                // 24,132/s kept 96.4 %, then 24,133/s kept 100.2 %): the measurement did not decide, the job did not
                // fail; SKIPPED with the reason, the trials stay in the run record
                throw new org.opentest4j.TestAbortedException(j.reason() + "; the trials are in the run record");
            }
            return j;
        }
    }

    /** The job's Kafka transactions' timeout against the interval, checkpoints and recoveries measured here. */
    record KafkaTransactionTimeout() implements CheckAction {
        public String describe() {
            return "ask the broker for the open transactions writing the job's output topic over three checkpoint "
                    + "intervals; read the checkpoint statistics";
        }

        public String oracle() {
            return "transaction.timeout.ms above checkpoint interval + longest checkpoint + longest recovery measured";
        }

        public Judgement perform(CheckStage stage) throws Exception {
            return stage.deployment().kafkaTransactions();
        }
    }

    /** The job's settings read against the faults of its schedule (the static config lint); needs no cluster. */
    record LintSettings(List<io.flinkcertify.harness.fault.Fault> schedule, Duration zookeeperTick) implements CheckAction {
        public String describe() {
            return "read the job's Flink settings against the schedule's faults";
        }

        public String oracle() {
            return "no setting leaves the job fragile under a fault it must survive";
        }

        public boolean onDeployment() {
            return false;
        }

        public Judgement perform(CheckStage stage) {
            return io.flinkcertify.harness.run.SettingsRules.judge(stage.job().flinkConfig(), schedule, zookeeperTick);
        }
    }
}
