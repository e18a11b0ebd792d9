package io.flinkcertify.harness.targets;

/** What an instance does in a Flink cluster; fault selectors pick instances by role. */
public enum Role {
    JOBMANAGER, TASKMANAGER
}
