package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.Recovery;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.probe.JobSnapshot;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunEvent.FaultInjected;
import io.flinkcertify.harness.record.RunEvent.FaultReverted;
import io.flinkcertify.harness.record.RunEvent.Polled;
import io.flinkcertify.harness.record.RunRecord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recovery from the record's last fault, judged from the polls around it: after the revert, every task RUNNING
 * again and then a checkpoint completed, each step inside the grace period. RUNNING alone says nothing about
 * progress (a frozen or partitioned TaskManager keeps its tasks RUNNING), so the first checkpoint after recovery
 * is when the job demonstrably moves again. A kill must first be seen to disrupt the job.
 */
public final class RecoveryOracle implements Oracle {

    private final Duration grace;

    public RecoveryOracle(Duration grace) {
        this.grace = grace;
    }

    /** The grace the record's fault was run with. */
    public static RecoveryOracle asRecorded(RunRecord record) {
        return new RecoveryOracle(Duration.ofMillis(record.last(FaultInjected.class)
                .orElseThrow(() -> new IllegalArgumentException("no fault in run " + record.run())).graceMs()));
    }

    @Override
    public Judgement judge(RunRecord record) {
        Recovery evidence = Recovery.notMeasured();
        Optional<FaultInjected> maybeInjected = record.last(FaultInjected.class);
        if (maybeInjected.isEmpty()) {
            return Judgement.fail("no fault was injected in this run", evidence);
        }
        FaultInjected injected = maybeInjected.get();
        Optional<Polled> before = record.before(injected).stream().filter(Polled.class::isInstance)
                .map(Polled.class::cast).reduce((a, b) -> b);
        List<RunEvent> afterInjection = record.after(injected);
        Optional<FaultReverted> reverted = afterInjection.stream().filter(FaultReverted.class::isInstance)
                .map(FaultReverted.class::cast).findFirst();
        if (before.isEmpty()) {
            return Judgement.fail("no poll of the job before the fault: nothing to recover to", evidence);
        }
        if (reverted.isEmpty()) {
            return Judgement.fail("the fault was never reverted", evidence);
        }
        JobSnapshot start = before.get().snapshot();
        List<Polled> polls = record.after(reverted.get()).stream().filter(Polled.class::isInstance)
                .map(Polled.class::cast).toList();
        long graceMs = grace.toMillis();
        long revertedAt = reverted.get().at();

        Polled recoveryStart = null;
        long sinceMs = revertedAt;
        int from = 0;
        if (FaultKind.ofLabel(injected.kind()).killsAnInstance()) {
            long restartsBefore = Math.max(0, start.restarts());
            int detected = first(polls, 0, s -> s.restarts() > restartsBefore || !s.allTasksRunning());
            if (detected < 0 || polls.get(detected).at() - revertedAt > graceMs) {
                return Judgement.fail("the job never noticed " + injected.description() + " within " + grace.toSeconds()
                        + " s; last seen: " + lastSeen(polls), evidence);
            }
            recoveryStart = polls.get(detected);
            evidence = evidence.detected(recoveryStart.at() - injected.at(), recoveryStart.snapshot().toString());
            sinceMs = recoveryStart.at();
            from = detected;
            if (recoveryStart.snapshot().allTasksRunning()) {
                // seen by the restart counter alone (a metric, fresh) while the task view (the REST API's cached
                // execution graph) still shows the old, RUNNING tasks: a RUNNING view counts only once the tasks were
                // seen down or the view has had time to refresh (measured: restarts=1 with 3/3 tasks "RUNNING" for
                // 1.3 s after a TaskManager pod was deleted, then 0/3)
                long refreshed = recoveryStart.at() + TASK_VIEW_REFRESH_MS;
                int fresh = first(polls, detected, p -> !p.snapshot().allTasksRunning() || p.at() >= refreshed, true);
                if (fresh < 0) {
                    return Judgement.fail("the job never noticed " + injected.description() + " beyond its restart counter; "
                            + "last seen: " + lastSeen(polls), evidence);
                }
                from = fresh;
            }
        }
        int runningAt = first(polls, from, JobSnapshot::allTasksRunning);
        if (runningAt < 0 || polls.get(runningAt).at() - sinceMs > graceMs) {
            return Judgement.fail("not all tasks RUNNING within " + grace.toSeconds() + " s after "
                    + injected.description() + "; last seen: " + lastSeen(polls), evidence);
        }
        Polled running = polls.get(runningAt);
        long completedAtRunning = running.snapshot().checkpoints().completed();
        int checkpointAt = first(polls, runningAt, s -> s.checkpoints().completed() >= completedAtRunning + 1);
        if (checkpointAt < 0 || polls.get(checkpointAt).at() - running.at() > graceMs) {
            return Judgement.fail("no checkpoint completed within " + grace.toSeconds() + " s of recovering from "
                    + injected.description() + "; last seen: " + lastSeen(polls), evidence);
        }
        JobSnapshot checkpointed = polls.get(checkpointAt).snapshot();
        // a counter that went backwards belongs to a new JobManager: count from zero there
        long failedBefore = start.checkpoints().failed();
        long failedAfter = checkpointed.checkpoints().failed();
        long restartsBefore = Math.max(0, start.restarts());
        long restartsAfter = Math.max(0, checkpointed.restarts());
        // a JobManager failover restores the job in a new JobManager whose restart counter starts again
        boolean counterReset = restartsAfter < restartsBefore;
        evidence = evidence.recovered(running.at() - injected.at(), running.at() - revertedAt,
                polls.get(checkpointAt).at() - injected.at(),
                failedAfter >= failedBefore ? failedAfter - failedBefore : failedAfter,
                counterReset ? restartsAfter : restartsAfter - restartsBefore, counterReset,
                checkpointed.checkpoints().latestCompletedId() > start.checkpoints().latestCompletedId(),
                start.checkpoints().latestCompletedId(), checkpointed.checkpoints().latestCompletedId(),
                grace.toSeconds(), leadershipChanges(record, injected, polls.get(checkpointAt)).orElse(null));
        return Judgement.pass(evidence);
    }

    /**
     * Changes of the leader's identity seen by the HA service from the fault until {@code until}, starting from the
     * leader known at injection; empty where the record has no leader observations (the target cannot read them).
     */
    private static Optional<Long> leadershipChanges(RunRecord record, FaultInjected injected, Polled until) {
        List<RunEvent.LeaderObserved> seen = record.all(RunEvent.LeaderObserved.class).toList();
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        String holder = record.before(injected).stream().filter(RunEvent.LeaderObserved.class::isInstance)
                .map(RunEvent.LeaderObserved.class::cast).reduce((a, b) -> b).map(RunEvent.LeaderObserved::holder)
                .orElse(null);
        long changes = 0;
        for (RunEvent e : record.after(injected)) {
            if (e == until) {
                break;
            }
            // a lock nobody holds (the old leader gone, the next not yet elected) is not a change of hands
            if (e instanceof RunEvent.LeaderObserved o && o.holder() != null) {
                if (holder != null && !o.holder().equals(holder)) {
                    changes++;
                }
                holder = o.holder();
            }
        }
        return Optional.of(changes);
    }

    /**
     * How stale the REST API's task view can be: Flink caches the execution graph it answers from for
     * {@code web.refresh-interval} (3 s by default; the harness sets 100 ms on the clusters it starts).
     */
    public static final long TASK_VIEW_REFRESH_MS = 3_000;

    private static int first(List<Polled> polls, int from, Predicate<Polled> condition, boolean onPolls) {
        for (int i = from; i < polls.size(); i++) {
            if (condition.test(polls.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int first(List<Polled> polls, int from, Predicate<JobSnapshot> condition) {
        for (int i = from; i < polls.size(); i++) {
            if (condition.test(polls.get(i).snapshot())) {
                return i;
            }
        }
        return -1;
    }

    private static String lastSeen(List<Polled> polls) {
        return polls.isEmpty() ? "no poll after the revert" : polls.get(polls.size() - 1).snapshot().toString();
    }
}
