package io.flinkcertify.harness.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.flinkcertify.harness.evidence.TuningAB;

import java.util.Map;

/**
 * One check of one job on one target, as it lands in verdict.json.
 *
 * @param reason      why it did not pass (required unless PASSED)
 * @param evidence    the measured facts behind the status: the serialised, redacted form of the check's typed
 *                    {@link io.flinkcertify.harness.evidence.Evidence}, as it is written and read back from the ledger
 * @param headline    the evidence's own headline for the summary table
 * @param lint        what a tuned-vs-default comparison concluded about the job's value, typed for the config lint
 * @param environment true when the failure is the environment's (a target could not start), not the job's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String job, String suite, String target, String name, CheckStatus status, String reason,
                          Map<String, Object> evidence, String headline, TuningAB.Lint lint, long durationMs,
                          Boolean environment) {

    public CheckResult {
        if (status != CheckStatus.PASSED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a " + status + " check needs a reason: " + job + "/" + name);
        }
        evidence = evidence == null ? Map.of() : evidence;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEnvironmentError() {
        return Boolean.TRUE.equals(environment);
    }
}
