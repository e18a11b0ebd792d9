package io.flinkcertify.harness.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One check of one job on one target, as it lands in verdict.json.
 *
 * @param reason      why it did not pass (required unless PASSED)
 * @param evidence    the measured facts behind the status
 * @param environment true when the failure is the environment's (a target could not start), not the job's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String job, String suite, String target, String name, CheckStatus status, String reason,
                          Map<String, Object> evidence, long durationMs, Boolean environment) {

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
