package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flinkcertify.harness.metric.Summary;

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

    /** The figures of the regression detector's {@link Summary}: one place computes trial statistics. */
    public static Spread of(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one sample");
        }
        List<Double> samples = values.stream().map(Number::doubleValue).toList();
        Summary s = Summary.of(samples);
        // a CV needs two samples and a mean away from zero to mean anything (the summary says 0 there)
        Double cv = s.n() > 1 && s.mean() != 0 ? s.cv() : null;
        return new Spread(s.n(), s.median(), s.min(), s.max(), cv, samples);
    }

    @Override
    public String toString() {
        return String.format("%.4g [%.4g..%.4g]%s n=%d", median, min, max,
                cv == null ? "" : String.format(" cv %.1f%%", 100 * cv), n);
    }
}
