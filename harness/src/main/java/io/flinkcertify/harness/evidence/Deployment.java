package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A job deployed on a fresh cluster until every task ran.
 *
 * @param facts what the target says about itself (instances, pids, endpoints); descriptive, written as top-level
 *              fields next to the measurements, never read back by code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(String jobId, String restoredFrom, long targetStartMs, long submitToRunningMs, int tasksRunning,
                         String stateAtDeploy, int parallelism, Map<String, Object> targetFacts)
        implements Evidence {

    public Deployment {
        targetFacts = targetFacts == null ? Map.of() : Map.copyOf(targetFacts);
    }

    @JsonAnyGetter
    Map<String, Object> facts() {
        return targetFacts;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Object> targetFacts() {
        return targetFacts;
    }

    @Override
    public String headline() {
        return "submitToRunningMs=" + submitToRunningMs + " jobId=" + jobId;
    }
}
