package io.flinkcertify.reports.input;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * What the report reads of {@code OUT/runs/<job>/<target>/record.json} (schema:
 * {@code flink-certify/run-record.schema.json}): the events a timeline draws, typed by their {@code type}. Events
 * the report does not draw are read as {@link Other}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecordFile(String job, String target, List<Run> runs) {

    public RunRecordFile {
        runs = VerdictFile.orEmpty(runs);
    }

    /** One deployment of the job on the target. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(int run, List<Event> events) {
        public Run {
            events = VerdictFile.orEmpty(events);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = Other.class)
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Deployed.class, name = "deployed"),
            @JsonSubTypes.Type(value = Polled.class, name = "polled"),
            @JsonSubTypes.Type(value = FaultInjected.class, name = "fault-injected"),
            @JsonSubTypes.Type(value = FaultReverted.class, name = "fault-reverted"),
            @JsonSubTypes.Type(value = Stopped.class, name = "stopped")})
    public sealed interface Event permits Deployed, Polled, FaultInjected, FaultReverted, Stopped, Other {
        long at();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deployed(long at, long targetStartMs, long submitToRunningMs, String restoredFrom) implements Event {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Polled(long at, String phase, Snapshot snapshot) implements Event {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FaultInjected(long at, String kind, String role, String description, FaultEvidence evidence)
            implements Event {

        /** Whom the fault hit: the victim the evidence names where it names one, else the role it aimed at. */
        public String victim() {
            if (evidence != null && evidence.victimPod() != null) {
                return evidence.victimPod();
            }
            if (evidence != null && evidence.victim() != null) {
                return evidence.victim();
            }
            return role;
        }
    }

    /** Fault actions name their victim under one of these keys; other evidence stays in the record. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FaultEvidence(String victim, String victimPod) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FaultReverted(long at, String kind) implements Event {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stopped(long at, String finalState) implements Event {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Other(long at) implements Event {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Snapshot(String state, long restarts, Checkpoints checkpoints, List<Vertex> vertices,
                           long polledAtMillis) {
        public Snapshot {
            vertices = VerdictFile.orEmpty(vertices);
            checkpoints = checkpoints == null ? new Checkpoints(0, 0, -1) : checkpoints;
        }

        /** Records the job has taken in: the first vertex's output (Flink lists the sources first). */
        public long records() {
            return vertices.isEmpty() ? 0 : vertices.get(0).recordsOut();
        }

        public boolean allTasksRunning() {
            return "RUNNING".equals(state) && !vertices.isEmpty()
                    && vertices.stream().allMatch(v -> v.tasksRunning() == v.parallelism());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /** @param latestCompletedId keeps counting across a JobManager failover, where {@code completed} starts over */
    public record Checkpoints(long completed, long failed, long latestCompletedId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Vertex(String name, int parallelism, int tasksRunning, long recordsOut) {}
}
