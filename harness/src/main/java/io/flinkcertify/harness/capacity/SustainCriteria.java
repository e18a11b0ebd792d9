package io.flinkcertify.harness.capacity;

import java.util.Optional;

/**
 * When a job sustains an offered rate (Theodolite's SLO check, with Nexmark's source-rate view): its source keeps
 * at least {@code minAchievedShare} of the offered rate, no subtask is back-pressured more than
 * {@code maxBackPressureRatio} of the time, and checkpoints keep completing.
 */
public record SustainCriteria(double minAchievedShare, double maxBackPressureRatio, long minCompletedCheckpoints) {

    /** 97 % of the offered rate; back-pressure below 10 %, where Flink's web UI stops calling it OK; one checkpoint. */
    public static final SustainCriteria DEFAULTS = new SustainCriteria(0.97, 0.10, 1);

    /** Why the trial did not sustain its rate; empty when it did. */
    public Optional<String> whyNotSustained(RateTrial t) {
        if (t.achievedRate() < minAchievedShare * t.offeredRate()) {
            return Optional.of(String.format("source kept %.1f %% of the offered rate (needs %.0f %%)",
                    100 * t.achievedRate() / t.offeredRate(), 100 * minAchievedShare));
        }
        if (t.maxBackPressureRatio() > maxBackPressureRatio) {
            return Optional.of(String.format("back-pressured %.0f %% of the time (allowed %.0f %%)",
                    100 * t.maxBackPressureRatio(), 100 * maxBackPressureRatio));
        }
        if (t.checkpointsCompleted() < minCompletedCheckpoints) {
            return Optional.of(t.checkpointsCompleted() + " checkpoint(s) completed (needs " + minCompletedCheckpoints
                    + "; " + t.checkpointsFailed() + " failed)");
        }
        return Optional.empty();
    }
}
