package io.flinkcertify.harness.evidence;

import java.util.Map;

/**
 * A bounded job finished, or an unbounded one was cancelled.
 *
 * @param recordsPerVertex records in and out per vertex as the job ended
 * @param target           the target's instances as the job ends, with their peak RSS (descriptive)
 */
public record Finish(String finalState, long waitedMs, long restarts, long checkpointsCompleted,
                     Map<String, VertexRecords> recordsPerVertex, Map<String, Object> target) implements Evidence {

    public record VertexRecords(long in, long out) {}

    @Override
    public String headline() {
        return "checkpointsCompleted=" + checkpointsCompleted + " restarts=" + restarts + " finalState=" + finalState;
    }
}
