package io.flinkcertify.harness.metric;

import java.util.List;

/** The trials of one metric in one run, in the order they were measured. */
public record Samples(Metric metric, List<Double> values) {

    public Samples {
        values = List.copyOf(values);
        if (values.stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
            throw new IllegalArgumentException(metric.name() + ": every sample must be a finite number: " + values);
        }
    }

    public Summary summary() {
        return Summary.of(values);
    }
}
