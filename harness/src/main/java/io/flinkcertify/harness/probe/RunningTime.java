package io.flinkcertify.harness.probe;

import java.util.OptionalLong;

/**
 * How long a submitted job took until all its tasks ran. The harness sees it only at a poll: every 250 ms, each
 * poll three REST calls, so a poll-timed figure is late by up to 0.3 s; on a savepoint restore of about one second
 * that lag alone spread one target's trials 0.06-0.31 s apart. The JobManager stamps every task's RUNNING state, so
 * the figure is taken from its stamp of the last task where the stamp lies between the submission and the poll
 * that saw all tasks running: inside that bracket it is the better reading of the same instant; outside it (a
 * JobManager whose clock is not this machine's) it is not trusted, and the poll's figure stands.
 *
 * @param ms        submission to all tasks RUNNING, the figure
 * @param polledMs  submission to the poll that saw all tasks RUNNING (never less than {@code ms})
 * @param stampedBy {@link #JOBMANAGER} or {@link #POLL}: whose clock ended {@code ms}
 */
public record RunningTime(long ms, long polledMs, String stampedBy) {

    public static final String JOBMANAGER = "jobmanager";
    public static final String POLL = "poll";

    /**
     * @param submittedAt   epoch ms of this machine's clock when the submission started
     * @param observedAt    epoch ms of this machine's clock when the poll that saw all tasks running returned
     * @param lastRunningAt epoch ms the JobManager stamped on the last task's RUNNING state, empty if unknown
     */
    public static RunningTime of(long submittedAt, long observedAt, OptionalLong lastRunningAt) {
        long polled = Math.max(0, observedAt - submittedAt);
        if (lastRunningAt.isPresent() && lastRunningAt.getAsLong() >= submittedAt
                && lastRunningAt.getAsLong() <= observedAt) {
            return new RunningTime(lastRunningAt.getAsLong() - submittedAt, polled, JOBMANAGER);
        }
        return new RunningTime(polled, polled, POLL);
    }
}
