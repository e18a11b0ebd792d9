package io.flinkcertify.harness.metric;

/**
 * A confidence interval of a statistic.
 *
 * @param level the coverage it actually has (order-statistic intervals of few samples cannot reach 95 %)
 * @param of    the statistic it bounds: {@code median} or {@code mean}
 */
public record Interval(double low, double high, double level, String of) {}
