package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.Availability;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;
import java.util.Optional;

import io.flinkcertify.harness.probe.JobSnapshot;

import java.time.Duration;
import java.util.List;

/**
 * Availability over an observation window: the job was RUNNING (or FINISHED, for a bounded job that ended
 * inside the window) at every poll, did not restart, and completed at least one checkpoint.
 */
public final class AvailabilityOracle implements Oracle {

    /** The name of the observation window in the run record. */
    public static final String WINDOW = "availability";

    /** Judges the polls of the record's last availability window. */
    @Override
    public Judgement judge(RunRecord record) {
        Optional<RunEvent.WindowOpened> window = record.all(RunEvent.WindowOpened.class)
                .filter(w -> w.name().equals(WINDOW)).reduce((a, b) -> b);
        if (window.isEmpty()) {
            return Judgement.fail("no availability window was observed");
        }
        List<JobSnapshot> timeline = record.after(window.get()).stream()
                .filter(RunEvent.Polled.class::isInstance).map(RunEvent.Polled.class::cast)
                .filter(p -> p.phase().equals(WINDOW)).map(RunEvent.Polled::snapshot).toList();
        boolean checkpointing = record.all(RunEvent.CheckpointingDisabled.class).findAny().isEmpty();
        return judge(timeline, Duration.ofMillis(window.get().durationMs()), checkpointing);
    }

    public Judgement judge(List<JobSnapshot> timeline, Duration window) {
        return judge(timeline, window, true);
    }

    /**
     * @param checkpointing whether the job checkpoints at all: one that does not (a finding of first-checkpoint) is
     *                      judged on staying up, not on the checkpoints it was never going to take
     */
    public Judgement judge(List<JobSnapshot> timeline, Duration window, boolean checkpointing) {
        if (timeline.isEmpty()) {
            return Judgement.fail("no probe of the job was taken");
        }
        JobSnapshot first = timeline.get(0);
        JobSnapshot last = timeline.get(timeline.size() - 1);
        long observedMs = last.polledAtMillis() - first.polledAtMillis();
        long notRunning = timeline.stream()
                .filter(s -> !s.state().equals("RUNNING") && !s.state().equals("FINISHED")).count();
        long restarts = Math.max(0, last.restarts()) - Math.max(0, first.restarts());
        Availability evidence = new Availability(window.toSeconds(), observedMs / 1000.0, timeline.size(), notRunning,
                restarts, last.checkpoints().completed(), last.checkpoints().failed(), last.state());

        StringBuilder problems = new StringBuilder();
        if (notRunning > 0) {
            problems.append(notRunning).append(" of ").append(timeline.size()).append(" polls saw the job not RUNNING; ");
        }
        if (restarts > 0) {
            problems.append(restarts).append(" restart(s) inside the window; ");
        }
        if (checkpointing && last.checkpoints().completed() < 1) {
            problems.append("no checkpoint completed; ");
        }
        boolean endedEarly = last.state().equals("FINISHED");
        if (!endedEarly && observedMs < window.toMillis() - 1000) {
            problems.append("observed only ").append(observedMs / 1000.0).append(" s of the ").append(window.toSeconds()).append(" s window; ");
        }
        return problems.isEmpty() ? Judgement.pass(evidence)
                : Judgement.fail(problems.substring(0, problems.length() - 2), evidence);
    }
}
