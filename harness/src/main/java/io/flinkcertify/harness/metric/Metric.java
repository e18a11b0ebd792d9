package io.flinkcertify.harness.metric;

import java.util.List;
import java.util.Optional;

/**
 * A measured figure of a job on a target: its name (the baseline file is named after it), unit and the direction
 * that is better.
 */
public record Metric(String name, String unit, Direction direction) {

    public static final Metric THROUGHPUT_PER_CORE = new Metric("throughput-per-core", "records/s/core", Direction.HIGHER_IS_BETTER);
    public static final Metric CAPACITY = new Metric("capacity", "records/s", Direction.HIGHER_IS_BETTER);
    public static final Metric LAUNCH_MS = new Metric("launch-ms", "ms", Direction.LOWER_IS_BETTER);
    public static final Metric RECOVERY_MS = new Metric("recovery-ms", "ms", Direction.LOWER_IS_BETTER);
    public static final Metric CHECKPOINT_DURATION_MS = new Metric("checkpoint-duration-ms", "ms", Direction.LOWER_IS_BETTER);
    public static final Metric PEAK_RSS_BYTES = new Metric("peak-rss-bytes", "bytes", Direction.LOWER_IS_BETTER);

    /** The metrics the harness measures, in report order. */
    public static final List<Metric> KNOWN = List.of(THROUGHPUT_PER_CORE, CAPACITY, LAUNCH_MS, RECOVERY_MS,
            CHECKPOINT_DURATION_MS, PEAK_RSS_BYTES);

    public Metric {
        // the name becomes a file name in the baseline directory
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a metric name is lower-case letters, digits and '-': " + name);
        }
        if (unit == null || direction == null) {
            throw new IllegalArgumentException("metric " + name + " needs a unit and a direction");
        }
    }

    public static Optional<Metric> known(String name) {
        return KNOWN.stream().filter(m -> m.name.equals(name)).findFirst();
    }
}
