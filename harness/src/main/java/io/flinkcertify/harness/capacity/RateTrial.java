package io.flinkcertify.harness.capacity;

/**
 * What one trial at an offered rate showed, after its warm-up: the source's achieved rate (median of its
 * numRecordsOutPerSecond samples), the worst back-pressured share of time of any subtask (0..1), and the
 * checkpoints that completed and failed during the trial.
 */
public record RateTrial(double offeredRate, double achievedRate, double maxBackPressureRatio,
                        long checkpointsCompleted, long checkpointsFailed) {}
