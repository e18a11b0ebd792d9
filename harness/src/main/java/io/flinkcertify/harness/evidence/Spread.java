package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.Collection;
import java.util.List;

/**
 * A figure measured several times: its median with min and max, and the coefficient of variation (standard
 * deviation over mean) so the noise is visible next to it. The samples themselves are kept for later tests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Spread(int n, double median, double min, double max, Double cv, List<Double> samples) {

    public Spread {
        samples = List.copyOf(samples);
    }

    public static Spread of(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one sample");
        }
        DescriptiveStatistics stats = new DescriptiveStatistics();
        values.forEach(v -> stats.addValue(v.doubleValue()));
        // a CV needs two samples and a mean away from zero to mean anything
        Double cv = stats.getN() > 1 && stats.getMean() != 0 ? stats.getStandardDeviation() / Math.abs(stats.getMean()) : null;
        return new Spread((int) stats.getN(), stats.getPercentile(50), stats.getMin(), stats.getMax(), cv,
                values.stream().map(Number::doubleValue).toList());
    }

    @Override
    public String toString() {
        return String.format("%.4g [%.4g..%.4g]%s n=%d", median, min, max,
                cv == null ? "" : String.format(" cv %.1f%%", 100 * cv), n);
    }
}
