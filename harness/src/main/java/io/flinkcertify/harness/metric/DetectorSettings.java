package io.flinkcertify.harness.metric;

/**
 * The change detector's knobs.
 *
 * <p>Minimum effect: a change smaller than {@code max(minEffectFloor, cvScale x CV)} is noise whatever the test
 * says, where CV is the coefficient of variation of the baseline samples compared against (this run's when there
 * is no baseline spread). This is Flink's benchmark alerting rule (a 4 % floor, raised when the benchmark's own
 * measured error is larger): on a noisy metric a significant but small shift is not worth a rollback.
 *
 * @param alpha             significance of the short-history test (one-sided)
 * @param baselineRuns      how many of the latest baseline runs the short-history test pools
 * @param minSamplesPerSide fewer trials on either side is INSUFFICIENT_DATA (benchstat: 4 a side at alpha 0.05)
 * @param longHistoryRuns   from this many baseline runs on, E-divisive change points decide instead
 * @param changePointP      t-test p-value a change point must reach (Otava's default 0.001)
 * @param window            the most recent samples E-divisive looks at (Otava's default 50)
 */
public record DetectorSettings(double alpha, double minEffectFloor, double cvScale, int baselineRuns,
                               int minSamplesPerSide, int longHistoryRuns, double changePointP, int window) {

    public static final DetectorSettings DEFAULTS = new DetectorSettings(0.05, 0.04, 1.0, 3, 4, 10, 0.001, 50);

    public DetectorSettings {
        if (!(alpha > 0 && alpha < 1) || !(changePointP > 0 && changePointP < 1)) {
            throw new IllegalArgumentException("alpha and changePointP are probabilities in (0, 1)");
        }
        if (minEffectFloor < 0 || cvScale < 0 || baselineRuns < 1 || minSamplesPerSide < 2 || longHistoryRuns < 1
                || window < 8) {
            throw new IllegalArgumentException("detector settings out of range: " + this);
        }
    }

    /** The smallest relative change (a fraction) that counts, given the spread measured. */
    public double minEffect(double cv) {
        return Math.max(minEffectFloor, cvScale * cv);
    }
}
