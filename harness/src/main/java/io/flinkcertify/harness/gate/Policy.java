package io.flinkcertify.harness.gate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How the gate turns check results into a health score and advice (YAML, schema
 * {@code /flink-certify/policy.schema.json}; the default ships as {@code /flink-certify/default-policy.yaml}).
 *
 * @param weights        each component's weight in the weighted average (0 leaves it out)
 * @param caps           ceilings a failure in a component puts on the job's score
 * @param advice         the score thresholds of MIGRATE and HOLD
 * @param holdFailsBatch whether a job advised HOLD fails the batch (ROLLBACK always does)
 */
public record Policy(Map<Component, Double> weights, List<Cap> caps, Thresholds advice, boolean holdFailsBatch) {

    /**
     * @param maxScore the job's score is at most this when any check of the component failed
     * @param critical such a failure also means ROLLBACK whatever the score
     */
    public record Cap(Component component, double maxScore, boolean critical) {}

    /** MIGRATE at {@code migrate} or above, HOLD from {@code hold} up to it, ROLLBACK below {@code hold}. */
    public record Thresholds(double migrate, double hold) {}

    public Policy {
        Map<Component, Double> copy = new EnumMap<>(Component.class);
        copy.putAll(weights);
        weights = java.util.Collections.unmodifiableMap(copy);
        caps = List.copyOf(caps);
    }

    public double weight(Component c) {
        return weights.getOrDefault(c, 0.0);
    }

    public static Policy defaults() {
        return PolicyLoader.defaults();
    }
}
