package io.flinkcertify.harness.metric;

/** Which way a metric gets better: the change detector tests the other way as the regression. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    /** The relative change from {@code before} to {@code after}, signed so that a positive value is worse. */
    public double worsening(double before, double after) {
        double relative = (after - before) / Math.abs(before);
        return this == HIGHER_IS_BETTER ? -relative : relative;
    }
}
