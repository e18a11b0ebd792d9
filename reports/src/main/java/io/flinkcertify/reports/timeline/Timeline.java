package io.flinkcertify.reports.timeline;

import io.flinkcertify.reports.input.RunRecordFile.Event;
import io.flinkcertify.reports.input.RunRecordFile.FaultInjected;
import io.flinkcertify.reports.input.RunRecordFile.FaultReverted;
import io.flinkcertify.reports.input.RunRecordFile.Polled;
import io.flinkcertify.reports.input.RunRecordFile.Run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One deployment's history as a timeline plots it: seconds since its first event, the rate of records between
 * successive polls, completed checkpoints, and each fault's window with the time to recovery.
 *
 * @param points one per poll after the first (a rate needs two polls)
 * @param end    seconds from the first to the last event
 */
public record Timeline(String job, String target, int run, List<Point> points, List<FaultWindow> faults, double end) {

    /**
     * Flink's REST API serves task metrics from a cache refreshed every 10 s (metrics.fetcher.update-interval), so
     * the count between two polls a second apart jumps in steps: the rate is taken over the last 10 s of polls.
     */
    static final long RATE_WINDOW_MS = 10_000;

    /** @param recordsPerSecond records taken in over the last {@link #RATE_WINDOW_MS} of polls (0 across a restart) */
    public record Point(double second, double recordsPerSecond, long checkpoints, String state) {}

    /**
     * @param recoverySeconds from injection to the first poll with every task running and a checkpoint completed
     *                        after the injection; empty when the deployment never got there
     */
    public record FaultWindow(String kind, String victim, double from, double to, Optional<Double> recoverySeconds) {}

    public static Timeline of(String job, String target, Run run) {
        List<Event> events = run.events();
        long origin = events.stream().mapToLong(Event::at).min().orElse(0);
        long last = events.stream().mapToLong(Event::at).max().orElse(origin);
        List<Polled> polls = events.stream().filter(Polled.class::isInstance).map(Polled.class::cast).toList();

        List<Point> points = new ArrayList<>();
        int windowStart = 0;
        for (int i = 1; i < polls.size(); i++) {
            Polled now = polls.get(i);
            while (now.at() - polls.get(windowStart).at() > RATE_WINDOW_MS && windowStart < i - 1) {
                windowStart++;
            }
            Polled from = polls.get(windowStart);
            double seconds = (now.at() - from.at()) / 1000.0;
            // a restarted task reports its counters from zero again: that drop is a restart, not negative throughput
            long taken = Math.max(0, now.snapshot().records() - from.snapshot().records());
            points.add(new Point(seconds(now.at(), origin), seconds > 0 ? taken / seconds : 0,
                    now.snapshot().checkpoints().completed(), now.snapshot().state()));
        }

        List<FaultWindow> faults = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof FaultInjected injected) {
                long revertedAt = revertOf(events, i, injected.kind());
                faults.add(new FaultWindow(injected.kind(), injected.victim(), seconds(injected.at(), origin),
                        seconds(revertedAt, origin), recovery(polls, injected.at(), origin)));
            }
        }
        return new Timeline(job, target, run.run(), points, faults, seconds(last, origin));
    }

    private static long revertOf(List<Event> events, int injectedAt, String kind) {
        for (int j = injectedAt + 1; j < events.size(); j++) {
            if (events.get(j) instanceof FaultReverted reverted && reverted.kind().equals(kind)) {
                return reverted.at();
            }
        }
        // never reverted in the record (the run ended inside the fault): the window lasts to the end
        return events.get(events.size() - 1).at();
    }

    /**
     * A frozen or partitioned TaskManager keeps its tasks RUNNING, so "running again" alone would call it recovered
     * at once: like the recovery oracle, recovery also needs a checkpoint completed after the injection.
     */
    private static Optional<Double> recovery(List<Polled> polls, long injectedAt, long origin) {
        long checkpointAtInjection = polls.stream().filter(p -> p.at() <= injectedAt)
                .mapToLong(p -> p.snapshot().checkpoints().latestCompletedId()).max().orElse(-1);
        return polls.stream()
                .filter(p -> p.at() > injectedAt && p.snapshot().allTasksRunning()
                        && p.snapshot().checkpoints().latestCompletedId() > checkpointAtInjection)
                .findFirst().map(p -> (p.at() - injectedAt) / 1000.0);
    }

    private static double seconds(long at, long origin) {
        return (at - origin) / 1000.0;
    }

    public double maxRate() {
        return points.stream().mapToDouble(Point::recordsPerSecond).max().orElse(0);
    }

    public long maxCheckpoints() {
        return points.stream().mapToLong(Point::checkpoints).max().orElse(0);
    }
}
