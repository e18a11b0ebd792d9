package io.flinkcertify.harness.evidence;

/** The job's first completed checkpoint: its state can be restored at all. */
public record FirstCheckpoint(long checkpointsCompleted, long checkpointsFailed, long waitedMs, long latestCheckpointId)
        implements Evidence {

    @Override
    public String headline() {
        return "checkpointsCompleted=" + checkpointsCompleted;
    }
}
