package io.flinkcertify.harness.fault;

/** The disturbances of the fault catalogue (DESIGN.md, "Fault mechanisms per target"). */
public enum FaultKind {
    TASKMANAGER_KILL("taskmanager-kill"),
    JOBMANAGER_KILL("jobmanager-kill"),
    FREEZE("freeze"),
    ZOOKEEPER_SUSPENSION("zookeeper-suspension"),
    APISERVER_LATENCY("apiserver-latency"),
    APISERVER_OUTAGE("apiserver-outage"),
    PARTITION("partition"),
    CHECKPOINT_STORAGE_OUTAGE("checkpoint-storage-outage");

    private final String label;

    FaultKind(String label) {
        this.label = label;
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

    public static FaultKind ofLabel(String label) {
        for (FaultKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault kind '" + label + "'");
    }
}
