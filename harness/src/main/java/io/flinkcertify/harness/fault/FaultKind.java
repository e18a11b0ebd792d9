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
}
