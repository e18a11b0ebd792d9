package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The job restored from its own savepoint on the same session cluster: submit -> every task RUNNING, and the size of
 * the state it restored.
 *
 * @param savepointBytes null where the savepoint is not on a file system this machine can read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Restore(String jobId, String savepoint, long submitToRunningMs, Long savepointBytes) implements Evidence {

    @Override
    public String headline() {
        return "submitToRunningMs=" + submitToRunningMs + (savepointBytes == null ? "" : " savepointKiB=" + (savepointBytes >> 10));
    }
}
