package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One job's performance on a target against the baseline target (YARN where it was certified), measured in the
 * same certification: per metric both sides' trials, the ratio of their medians with an interval, and whether the
 * target is worse beyond the threshold and beyond the noise.
 *
 * @param recommendation the Kubernetes resource settings the measured usage supports, as a Flink config snippet,
 *                       null when the target's processes could not be measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceComparison(String baseline, String target, List<Metric> metrics, String recommendation)
        implements Evidence {

    /** Which way is better for a metric. */
    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }

    /** What the comparison says of one metric. */
    public enum Outcome { WITHIN, BETTER, WORSE, NOISE, NOT_MEASURED }

    /**
     * @param ratio     target median over baseline median
     * @param low       the smallest ratio the trials allow (target min over baseline max)
     * @param high      the largest (target max over baseline min)
     * @param threshold the ratio beyond which the target is worse (0.9 for throughput, 1.5 for times)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metric(String name, String unit, Direction direction, Spread baselineTrials, Spread targetTrials,
                         Double ratio, Double low, Double high, double threshold, Outcome outcome) {}

    public List<Metric> worse() {
        return metrics.stream().filter(m -> m.outcome() == Outcome.WORSE).toList();
    }

    @Override
    public String headline() {
        return metrics.stream().filter(m -> m.ratio() != null)
                .map(m -> String.format("%s %.2fx", m.name(), m.ratio())).reduce((a, b) -> a + " " + b).orElse("");
    }
}
