package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.targets.Role;

import java.time.Duration;

/** The disturbances of the fault catalogue (DESIGN.md, "Fault mechanisms per target"). */
public enum FaultKind {
    // the order is the fault catalogue's: a seeded schedule draws from it, so a new kind goes at the end
    TASKMANAGER_KILL("taskmanager-kill", Role.TASKMANAGER, Duration.ZERO),
    FREEZE("freeze", Role.TASKMANAGER, Duration.ofSeconds(5)),
    JOBMANAGER_KILL("jobmanager-kill", Role.JOBMANAGER, Duration.ZERO),
    ZOOKEEPER_SUSPENSION("zookeeper-suspension", Role.JOBMANAGER, Duration.ofSeconds(10)),
    APISERVER_LATENCY("apiserver-latency", Role.JOBMANAGER, Duration.ofSeconds(10)),
    APISERVER_OUTAGE("apiserver-outage", Role.JOBMANAGER, Duration.ofSeconds(10)),
    PARTITION("partition", Role.TASKMANAGER, Duration.ofSeconds(10)),
    CHECKPOINT_STORAGE_OUTAGE("checkpoint-storage-outage", Role.JOBMANAGER, Duration.ofSeconds(10)),
    // the TaskManagers' sources and sinks are what talk to the broker; only jobs that use it get these two
    KAFKA_OUTAGE("kafka-outage", Role.TASKMANAGER, Duration.ofSeconds(10)),
    KAFKA_LATENCY("kafka-latency", Role.TASKMANAGER, Duration.ofSeconds(10));

    private final String label;
    private final Role aim;
    private final Duration duration;

    FaultKind(String label, Role aim, Duration duration) {
        this.label = label;
        this.aim = aim;
        this.duration = duration;
    }

    /** The fault as the catalogue runs it: aimed at its usual role, for its usual duration (zero: instantaneous). */
    public Fault typical() {
        return Fault.of(this, aim, duration);
    }

    public String label() {
        return label;
    }

    /**
     * A kill must be seen to disrupt the job before recovery is timed: right after SIGKILL the REST API still
     * reports the old, RUNNING tasks until a heartbeat or connection loss tells the JobManager.
     */
    public boolean killsAnInstance() {
        return this == TASKMANAGER_KILL || this == JOBMANAGER_KILL;
    }

    /** A fault on the embedded Kafka broker's path: part of the schedule only for a job that uses the broker. */
    public boolean onKafka() {
        return this == KAFKA_OUTAGE || this == KAFKA_LATENCY;
    }

    public static FaultKind ofLabel(String label) {
        for (FaultKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault kind '" + label + "'");
    }
}
