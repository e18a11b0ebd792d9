package io.flinkcertify.harness.evidence;

/** The job observed over its availability window. */
public record Availability(long windowSeconds, double observedSeconds, int polls, long pollsNotRunning, long restarts,
                           long checkpointsCompleted, long checkpointsFailed, String finalState) implements Evidence {

    @Override
    public String headline() {
        return "checkpointsCompleted=" + checkpointsCompleted + " restarts=" + restarts + " observedSeconds="
                + observedSeconds + " finalState=" + finalState;
    }
}
