package io.flinkcertify.harness.metric;

import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.Arrays;
import java.util.List;

/**
 * The change detector's knobs.
 *
 * <p>Minimum effect: a change smaller than {@code max(minEffectFloor, cvScale x CV)} is noise whatever the test
 * says, where CV is the robust coefficient of variation of the baseline samples compared against (this run's when
 * there is no baseline spread). This is Flink's benchmark alerting rule (a 4 % floor, raised when the benchmark's
 * own measured error is larger): on a noisy metric a significant but small shift is not worth a rollback.
 *
 * <p>The spread is read robustly, 1.4826 x the median absolute deviation over the median (the standard deviation's
 * estimate for normal noise), because the trials of this machine are mostly tight with the odd slow one: in the
 * regression demonstration two slow trials of 15 (249 and 280 records/s/core around 302) raised the plain CV of a
 * baseline to 6.4 % and hid a 4.9 % slowdown the rank test had found (p 0.025). A few slow trials say the machine
 * had a bad moment, not that every trial is that uncertain; the rank test is robust to them, so the bar is too.
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

    /** 1 / the normal distribution's third quartile: makes a MAD estimate the standard deviation of normal noise. */
    static final double NORMAL_MAD_SCALE = 1.4826;

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

    /** The smallest relative change (a fraction) that counts, given the spread measured (a fraction). */
    public double minEffect(double cv) {
        return Math.max(minEffectFloor, cvScale * cv);
    }

    /** The smallest relative change (a fraction) that counts against these samples: from their robust CV. */
    public double minEffect(List<Double> samples) {
        return minEffect(robustCv(samples));
    }

    /**
     * 1.4826 x median absolute deviation / |median|: the coefficient of variation normal noise would have, read
     * so that a few outlying trials do not move it. 0 with fewer than 2 samples or a median of 0.
     */
    static double robustCv(List<Double> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
        double median = new Median().evaluate(values);
        if (median == 0) {
            return 0;
        }
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        return NORMAL_MAD_SCALE * new Median().evaluate(deviations) / Math.abs(median);
    }
}
