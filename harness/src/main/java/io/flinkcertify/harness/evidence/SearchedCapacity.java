package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flinkcertify.harness.capacity.Capacity;

/**
 * A capacity search's outcome with every trial it ran, and the load window measured at the capacity (records/s,
 * cores, records/s per core at saturation: Nexmark's efficiency figure).
 *
 * @param rateArgument the job argument the search set (e.g. {@code --rate})
 * @param recordsPerSecondPerCore the rate achieved at the capacity over the median cores the cluster used then
 * @param atCapacity   the throughput window of the trial sustained at the capacity, null without a proven capacity
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchedCapacity(String rateArgument, Capacity capacity, Double recordsPerSecondPerCore,
                               Throughput atCapacity) implements Evidence {

    @Override
    public String headline() {
        if (capacity instanceof Capacity.Found f) {
            return String.format("capacity=%.0f/s (%.0f/s not sustained)", f.rate(), f.failedAbove().trial().offeredRate())
                    + (recordsPerSecondPerCore == null ? "" : String.format(" perCore=%.0f", recordsPerSecondPerCore));
        }
        if (capacity instanceof Capacity.SustainedAtMaximum m) {
            return String.format("capacity>=%.0f/s (the search's maximum)", m.maximumRate());
        }
        if (capacity instanceof Capacity.NotSustainedAtMinimum m) {
            return String.format("capacity<%.0f/s (the search's minimum)", m.minimumRate());
        }
        return "capacity inconclusive after " + capacity.trials().size() + " trials";
    }
}
