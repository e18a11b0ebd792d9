package io.flinkcertify.harness.probe;

import java.util.List;

/**
 * One poll of a job through Flink's REST API.
 *
 * @param restarts    Flink's numRestarts job metric (-1 when the metric is not yet reported)
 * @param vertices    per vertex: tasks running / total and records in / out
 */
public record JobSnapshot(String jobId, String state, long restarts, Checkpoints checkpoints, List<Vertex> vertices,
                          long polledAtMillis) {

    public record Checkpoints(long completed, long failed, long inProgress, long restored, long latestCompletedId,
                              String latestCompletedPath) {
        public static final Checkpoints NONE = new Checkpoints(0, 0, 0, 0, -1, null);
    }

    public record Vertex(String name, String status, int parallelism, int tasksRunning, int tasksFinished, long recordsIn,
                         long recordsOut) {}

    public boolean allTasksRunning() {
        return "RUNNING".equals(state) && !vertices.isEmpty()
                && vertices.stream().allMatch(v -> v.tasksRunning() == v.parallelism());
    }

    /**
     * Every task was deployed and started: RUNNING, or already FINISHED (a bounded source can end before the
     * first poll sees it running). A FINISHED job counts too: it ran.
     */
    public boolean allTasksStarted() {
        return ("RUNNING".equals(state) || "FINISHED".equals(state)) && !vertices.isEmpty()
                && vertices.stream().allMatch(v -> v.tasksRunning() + v.tasksFinished() == v.parallelism());
    }

    @com.fasterxml.jackson.annotation.JsonIgnore // derived from state, not a field of the record's polls
    public boolean isTerminal() {
        return switch (state) {
            case "FINISHED", "FAILED", "CANCELED" -> true;
            default -> false;
        };
    }

    public int tasksRunning() {
        return vertices.stream().mapToInt(Vertex::tasksRunning).sum();
    }

    public int tasksTotal() {
        return vertices.stream().mapToInt(Vertex::parallelism).sum();
    }

    @Override
    public String toString() {
        return "state=" + state + ", tasks running " + tasksRunning() + "/" + tasksTotal() + ", restarts=" + restarts
                + ", checkpoints completed=" + checkpoints.completed() + " failed=" + checkpoints.failed();
    }
}
