package io.flinkcertify.harness.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkcertify.harness.rest.FlinkRest;
import io.flinkcertify.harness.rest.RestException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Polls one job through the REST API: state, restarts, checkpoints, records per vertex; and the waits built on
 * them. Every wait fails fast once the job reaches a terminal state it was not waiting for.
 */
public final class JobProbe {

    private final FlinkRest rest;
    private final String jobId;
    private final Consumer<JobSnapshot> onPoll;

    public JobProbe(FlinkRest rest, String jobId) {
        this(rest, jobId, s -> {});
    }

    /** @param onPoll sees every snapshot this probe takes, the waits' polls included (the run record's polls) */
    public JobProbe(FlinkRest rest, String jobId, Consumer<JobSnapshot> onPoll) {
        this.rest = rest;
        this.jobId = jobId;
        this.onPoll = onPoll;
    }

    public String jobId() {
        return jobId;
    }

    /**
     * Why the job will never complete a checkpoint, when it runs without checkpointing: Flink answers its checkpoint
     * configuration with 404, or (the streaming runtime keeps a coordinator for final checkpoints) with an interval
     * of Long.MAX_VALUE. Empty when periodic checkpoints are configured.
     */
    public java.util.Optional<String> checkpointingDisabled() {
        try {
            JsonNode config = rest.get("/jobs/" + jobId + "/checkpoints/config");
            long interval = config.path("interval").asLong(0);
            return interval >= Long.MAX_VALUE / 2
                    ? java.util.Optional.of("checkpoint interval " + interval + " ms (periodic checkpointing off)")
                    : java.util.Optional.empty();
        } catch (RestException e) {
            if (e.status() == 404) {
                return java.util.Optional.of(e.getMessage());
            }
            throw e;
        }
    }

    /** The job's checkpoint interval in milliseconds (Long.MAX_VALUE when periodic checkpointing is off). */
    public long checkpointIntervalMs() {
        return rest.get("/jobs/" + jobId + "/checkpoints/config").path("interval").asLong(Long.MAX_VALUE);
    }

    public JobSnapshot snapshot() {
        return snapshot(null);
    }

    /**
     * A snapshot whose record counters are those of the moment it is stamped with, for measuring a rate. Flink's
     * REST handlers answer from the JobManager's metric store and only then ask the TaskManagers for fresh values,
     * asynchronously, at most once per {@code metrics.fetcher.update-interval}: a plain poll reads the counters of
     * the previous fetch, however long ago that was. Measured in capacity windows: counters 1-2 s behind their poll
     * times, a 3 % error on a rate the source must keep at 97 %. This poll asks once to start the fetch, lets it
     * land, reads, and is stamped with the time of the first request. The caller polls no faster than the fetch
     * interval (the harness sets 1 s; a measurement window polls every 2 s), or the first request starts nothing.
     */
    public JobSnapshot freshSnapshot() throws InterruptedException {
        // a request within the fetcher's interval of the last one starts no fetch: the first poll of a window, right
        // after a wait's quick polls, read counters 0.4-0.5 s old
        long sinceLast = System.currentTimeMillis() - lastAskedMillis;
        if (sinceLast < FETCH_INTERVAL_MS) {
            Thread.sleep(FETCH_INTERVAL_MS - sinceLast);
        }
        long asked = System.currentTimeMillis();
        rest.get("/jobs/" + jobId);
        Thread.sleep(FETCH_SETTLE_MS);
        return snapshot(asked);
    }

    /** How long a metric fetch takes to land in the JobManager's store: local RPCs, tens of milliseconds. */
    static final long FETCH_SETTLE_MS = 300;
    /** The harness's {@code metrics.fetcher.update-interval} (1 s), with a margin. */
    static final long FETCH_INTERVAL_MS = 1_100;
    /** When this probe last asked the REST API for the job. */
    private volatile long lastAskedMillis;

    private JobSnapshot snapshot(Long stampedAt) {
        lastAskedMillis = System.currentTimeMillis();
        JsonNode job = rest.get("/jobs/" + jobId);
        List<JobSnapshot.Vertex> vertices = new ArrayList<>();
        for (JsonNode v : job.path("vertices")) {
            JsonNode metrics = v.path("metrics");
            vertices.add(new JobSnapshot.Vertex(v.path("name").asText(), v.path("status").asText(),
                    v.path("parallelism").asInt(), v.path("tasks").path("RUNNING").asInt(), v.path("tasks").path("FINISHED").asInt(),
                    metrics.path("read-records").asLong(), metrics.path("write-records").asLong()));
        }
        JobSnapshot snapshot = new JobSnapshot(jobId, job.path("state").asText(), restarts(), checkpoints(), vertices,
                stampedAt != null ? stampedAt : System.currentTimeMillis());
        onPoll.accept(snapshot);
        return snapshot;
    }

    private long restarts() {
        try {
            for (JsonNode m : rest.get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
                return Long.parseLong(m.path("value").asText("-1"));
            }
        } catch (RestException | NumberFormatException e) {
            // metric not registered yet while the job is being scheduled
        }
        return -1;
    }

    private JobSnapshot.Checkpoints checkpoints() {
        try {
            JsonNode cp = rest.get("/jobs/" + jobId + "/checkpoints");
            JsonNode counts = cp.path("counts");
            JsonNode latest = cp.path("latest").path("completed");
            return new JobSnapshot.Checkpoints(counts.path("completed").asLong(), counts.path("failed").asLong(),
                    counts.path("in_progress").asLong(), counts.path("restored").asLong(),
                    latest.isMissingNode() || latest.isNull() ? -1 : latest.path("id").asLong(),
                    latest.path("external_path").asText(null));
        } catch (RestException e) {
            return JobSnapshot.Checkpoints.NONE; // batch jobs and jobs still initialising have no checkpoint stats
        }
    }

    /**
     * When the last of the job's current task attempts reached RUNNING, as the JobManager stamped it (epoch ms, its
     * clock): the latest RUNNING timestamp over every subtask of every vertex. Empty while a task has not reached
     * RUNNING (Flink answers 0 for a state not reached) or when the REST API cannot say.
     */
    public OptionalLong lastTaskRunningAt() {
        try {
            long last = 0;
            for (JsonNode vertex : rest.get("/jobs/" + jobId).path("vertices")) {
                JsonNode subtasks = rest.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()
                        + "/subtasktimes").path("subtasks");
                if (subtasks.isEmpty()) {
                    return OptionalLong.empty();
                }
                for (JsonNode subtask : subtasks) {
                    long running = subtask.path("timestamps").path("RUNNING").asLong(0);
                    if (running <= 0) {
                        return OptionalLong.empty();
                    }
                    last = Math.max(last, running);
                }
            }
            return last > 0 ? OptionalLong.of(last) : OptionalLong.empty();
        } catch (RestException e) {
            return OptionalLong.empty(); // the poll's figure stands
        }
    }

    /** The root cause Flink recorded for a failed job, for one-line messages. */
    public String rootException() {
        try {
            JsonNode ex = rest.get("/jobs/" + jobId + "/exceptions");
            String root = ex.path("root-exception").asText("");
            return root.isBlank() ? "(no exception recorded)" : root.lines().findFirst().orElse(root);
        } catch (RestException e) {
            return "(exceptions unavailable: " + e.getMessage() + ")";
        }
    }

    public JobSnapshot awaitAllTasksRunning(Duration timeout) {
        return Waits.until("job " + jobId + " to have all tasks RUNNING", timeout, this::snapshot,
                JobSnapshot::allTasksRunning, this::unexpectedEnd);
    }

    /** All tasks RUNNING or already FINISHED: the right wait after submitting a possibly short bounded job. */
    public JobSnapshot awaitAllTasksStarted(Duration timeout) {
        return Waits.until("job " + jobId + " to have all tasks started", timeout, this::snapshot,
                JobSnapshot::allTasksStarted,
                s -> "FINISHED".equals(s.state()) ? java.util.Optional.empty() : unexpectedEnd(s));
    }

    public JobSnapshot awaitCompletedCheckpoints(long atLeast, Duration timeout) {
        return Waits.until("job " + jobId + " to complete " + atLeast + " checkpoint(s)", timeout, this::snapshot,
                s -> s.checkpoints().completed() >= atLeast, this::unexpectedEnd);
    }

    public JobSnapshot awaitState(String state, Duration timeout) {
        return Waits.until("job " + jobId + " to reach " + state, timeout, this::snapshot,
                s -> s.state().equals(state),
                s -> s.isTerminal() && !s.state().equals(state) ? Optional.of(describeEnd(s)) : Optional.empty());
    }

    private Optional<String> unexpectedEnd(JobSnapshot s) {
        return s.isTerminal() ? Optional.of(describeEnd(s)) : Optional.empty();
    }

    private String describeEnd(JobSnapshot s) {
        return "job ended " + s.state() + ("FAILED".equals(s.state()) ? ": " + rootException() : "");
    }

    /**
     * Stop-with-savepoint (no drain): the sink commits what the savepoint covers, the job ends FINISHED.
     * Returns the savepoint's location. Canonical format, so it restores on any target and state backend.
     */
    public String stopWithSavepoint(java.nio.file.Path directory, Duration timeout) {
        com.fasterxml.jackson.databind.node.ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        body.put("targetDirectory", directory.toUri().toString());
        body.put("drain", false);
        String trigger = rest.post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        JsonNode done = Waits.until("savepoint " + trigger + " of job " + jobId, timeout,
                () -> rest.get("/jobs/" + jobId + "/savepoints/" + trigger),
                s -> "COMPLETED".equals(s.path("status").path("id").asText()));
        JsonNode operation = done.path("operation");
        if (operation.has("failure-cause")) {
            throw new IllegalStateException("savepoint of job " + jobId + " failed: "
                    + operation.path("failure-cause").path("class").asText() + ": "
                    + operation.path("failure-cause").path("stack-trace").asText("").lines().findFirst().orElse(""));
        }
        return operation.path("location").asText();
    }

    public void cancel() {
        rest.patch("/jobs/" + jobId + "?mode=cancel");
    }
}
