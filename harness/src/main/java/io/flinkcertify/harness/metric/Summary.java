package io.flinkcertify.harness.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.List;

/**
 * What the trials of one metric say: centre, spread and 95 % intervals.
 *
 * @param cv             coefficient of variation, sample standard deviation / mean (0 with fewer than 2 trials)
 * @param medianInterval distribution-free (order statistics): run-to-run figures are rarely normal
 * @param meanInterval   Student's t; absent with fewer than 2 trials
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(int n, double median, double min, double max, double mean, double cv, Interval medianInterval,
                      Interval meanInterval) {

    static final double LEVEL = 0.95;

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one sample");
        }
        DescriptiveStatistics stats = new DescriptiveStatistics();
        values.forEach(stats::addValue);
        int n = values.size();
        double mean = stats.getMean();
        double sd = n < 2 ? 0 : stats.getStandardDeviation();
        Interval meanInterval = null;
        if (n >= 2) {
            double half = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - LEVEL) / 2) * sd / Math.sqrt(n);
            meanInterval = new Interval(mean - half, mean + half, LEVEL, "mean");
        }
        return new Summary(n, stats.getPercentile(50), stats.getMin(), stats.getMax(), mean,
                mean == 0 ? 0 : sd / Math.abs(mean), medianInterval(stats.getSortedValues()), meanInterval);
    }

    /**
     * [x(j), x(n+1-j)] covers the median with probability 1 - 2 P(Binomial(n, 1/2) < j): the widest j that still
     * reaches 95 %, or the full range (with the coverage it has) when n is too small for that.
     */
    private static Interval medianInterval(double[] sorted) {
        int n = sorted.length;
        BinomialDistribution b = new BinomialDistribution(null, n, 0.5);
        int best = 1;
        for (int j = 1; j <= n / 2; j++) {
            if (1 - 2 * b.cumulativeProbability(j - 1) >= LEVEL) {
                best = j;
            } else {
                break;
            }
        }
        double coverage = n == 1 ? 0 : 1 - 2 * b.cumulativeProbability(best - 1);
        return new Interval(sorted[best - 1], sorted[n - best], coverage, "median");
    }
}
