package io.flinkcertify.harness.metric;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One earlier run in a baseline's history.
 *
 * @param time    when it was recorded, ISO-8601 UTC
 * @param samples its trials, in the order measured
 */
public record BaselineRun(String runId, String time, String jobJarSha256, String flinkConfigHash, List<Double> samples) {

    public BaselineRun {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId is missing");
        }
        try {
            Instant.parse(time);
        } catch (NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("run " + runId + ": time is not an ISO-8601 instant: " + time);
        }
        if (samples == null || samples.isEmpty() || samples.stream().anyMatch(s -> s == null || !Double.isFinite(s))) {
            throw new IllegalArgumentException("run " + runId + ": samples must be a non-empty list of numbers");
        }
        samples = List.copyOf(samples);
    }
}
