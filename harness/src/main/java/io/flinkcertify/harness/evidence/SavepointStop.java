package io.flinkcertify.harness.evidence;

/** The job stopped with a savepoint. */
public record SavepointStop(String savepoint, long stopMs, long sourceRecordsBeforeStop, String finalState)
        implements Evidence {

    @Override
    public String headline() {
        return "stopMs=" + stopMs + " finalState=" + finalState;
    }
}
