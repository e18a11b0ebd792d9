package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Recovery from a fault as the recovery oracle measured it from the polls around the fault. A figure is null when
 * the job never got that far (recovery failed before it) or the target cannot observe it (leadership changes
 * where the HA leader cannot be read): absent, never 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recovery(Long killToFailureDetectedMs, String stateWhenDetected, Long injectToRunningMs,
                       Long revertToRunningMs, Long injectToCheckpointMs, Long checkpointsFailed, Long restarts,
                       Boolean restartCounterReset, Boolean resumedFromCheckpoint, Long checkpointBefore,
                       Long checkpointAfterRecovery, Long graceSeconds, Long leadershipChanges) implements Evidence {

    /** Nothing measured yet. */
    public static Recovery notMeasured() {
        return new Recovery(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The failure of a killed instance was seen at this poll. */
    public Recovery detected(long killToFailureDetectedMs, String stateWhenDetected) {
        return new Recovery(killToFailureDetectedMs, stateWhenDetected, injectToRunningMs, revertToRunningMs,
                injectToCheckpointMs, checkpointsFailed, restarts, restartCounterReset, resumedFromCheckpoint,
                checkpointBefore, checkpointAfterRecovery, graceSeconds, leadershipChanges);
    }

    /** The job ran and checkpointed again: every figure of a complete recovery. */
    public Recovery recovered(long injectToRunningMs, long revertToRunningMs, long injectToCheckpointMs,
                              long checkpointsFailed, long restarts, boolean restartCounterReset,
                              boolean resumedFromCheckpoint, long checkpointBefore, long checkpointAfterRecovery,
                              long graceSeconds, Long leadershipChanges) {
        return new Recovery(killToFailureDetectedMs, stateWhenDetected, injectToRunningMs, revertToRunningMs,
                injectToCheckpointMs, checkpointsFailed, restarts, restartCounterReset, resumedFromCheckpoint,
                checkpointBefore, checkpointAfterRecovery, graceSeconds, leadershipChanges);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean complete() {
        return injectToCheckpointMs != null;
    }

    @Override
    public String headline() {
        return complete() ? "injectToRunningMs=" + injectToRunningMs + " restarts=" + restarts : "";
    }
}
