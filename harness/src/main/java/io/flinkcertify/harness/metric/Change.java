package io.flinkcertify.harness.metric;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the change detector decided about one metric of one job on one target: old -> new, by which test, on how
 * many samples a side, and why it is called what it is.
 *
 * @param relativePercent  (new - old) / old in percent, signed as measured (not by direction)
 * @param pValue           one-sided, towards the direction observed; absent when no test could run
 * @param newInterval      95 % interval of this run's median
 * @param minEffectPercent the smallest relative change called a regression or improvement (see DetectorSettings)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(String job, String target, String metric, String unit, Double oldMedian, Double newMedian,
                     Double relativePercent, String test, int oldN, int newN, Double pValue, Interval newInterval,
                     Double minEffectPercent, Classification classification, String reason) {

    public enum Classification { REGRESSION, IMPROVEMENT, NOISE, INSUFFICIENT_DATA }

    public boolean isRegression() {
        return classification == Classification.REGRESSION;
    }

    /** One line for summaries: {@code throughput-per-core 1000 -> 900 (-10.0 %) Mann-Whitney U p=0.004: REGRESSION}. */
    public String line() {
        if (oldMedian == null || newMedian == null) {
            return metric + ": " + classification + " (" + reason + ")";
        }
        return String.format(java.util.Locale.ROOT, "%s %.4g -> %.4g %s (%+.1f %%), %s, n %d vs %d%s: %s (%s)", metric,
                oldMedian, newMedian, unit, relativePercent, test, oldN, newN,
                pValue == null ? "" : String.format(java.util.Locale.ROOT, ", p=%.3g", pValue), classification, reason);
    }
}
