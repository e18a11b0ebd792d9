package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A job stopped with a savepoint on one target and restored on another into the same output, and that whole
 * output checked exactly-once (the keyed-state counts prove the state itself moved).
 *
 * @param pacedRate the records/s the input was paced to so the stop lands mid-stream, -1 when the job sets none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavepointMove(String from, double pacedRate, String savepoint, long sourceRecordsBeforeStop, long stopMs,
                            String to, long restoreToRunningMs, @JsonUnwrapped ExactlyOnce output) implements Evidence {

    @Override
    public String headline() {
        return output.headline() + " restoreToRunningMs=" + restoreToRunningMs;
    }
}
