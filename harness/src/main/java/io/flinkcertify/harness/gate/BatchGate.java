package io.flinkcertify.harness.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch's gate over its jobs' advice: any ROLLBACK fails the batch, HOLD too when the policy says so.
 *
 * @param reasons one line per failing job, for verdict.json's reasons (empty when the gate passes)
 */
public record BatchGate(List<String> rollback, List<String> hold, List<String> reasons) {

    public static BatchGate decide(List<JobAssessment> jobs, Policy policy) {
        List<String> rollback = new ArrayList<>();
        List<String> hold = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (JobAssessment j : jobs) {
            if (j.advice() == Advice.ROLLBACK) {
                rollback.add(j.job());
                reasons.add("gate: " + j.job() + " ROLLBACK (" + String.join("; ", j.reasons()) + ")");
            } else if (j.advice() == Advice.HOLD) {
                hold.add(j.job());
                if (policy.holdFailsBatch()) {
                    reasons.add("gate: " + j.job() + " HOLD, which this policy fails (" + String.join("; ", j.reasons()) + ")");
                }
            }
        }
        if (!rollback.isEmpty()) {
            reasons.add(0, "gate: roll back " + String.join(", ", rollback));
        }
        return new BatchGate(List.copyOf(rollback), List.copyOf(hold), List.copyOf(reasons));
    }

    public boolean fails() {
        return !reasons.isEmpty();
    }
}
