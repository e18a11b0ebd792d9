package io.flinkcertify.performance.trial;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.Collection;

/**
 * One figure measured over several trials, as the performance suite reports it: median with min and max, and the
 * coefficient of variation so that noise is visible next to the figure. Sample standard deviation (n - 1).
 * Statistics by commons-math3; harness/metric's Summary replaces this once the branches meet.
 */
public record TrialFigures(String unit, int n, double median, double min, double max, double mean, double cv) {

    public static TrialFigures of(String unit, Collection<? extends Number> trials) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("no trials to summarise for a figure in " + unit);
        }
        DescriptiveStatistics stats = new DescriptiveStatistics();
        trials.forEach(t -> stats.addValue(t.doubleValue()));
        double mean = stats.getMean();
        // one trial has no spread: CV 0 would claim a precision nobody measured
        double cv = stats.getN() < 2 || mean == 0 ? Double.NaN : stats.getStandardDeviation() / Math.abs(mean);
        return new TrialFigures(unit, (int) stats.getN(), stats.getPercentile(50), stats.getMin(), stats.getMax(), mean, cv);
    }

    /** Whether another measurement of the same thing falls inside this one's spread (the min..max range). */
    public boolean covers(double value) {
        return value >= min && value <= max;
    }
}
