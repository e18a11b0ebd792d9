package io.flinkcertify.harness.targets;

import java.nio.file.Path;
import java.util.List;

/**
 * What to run: the job jar and its entry point, with harness placeholders in the args already resolved.
 * The job's Flink configuration is not here: each job gets a cluster of its own, configured with it.
 *
 * @param savepointPath restore from this savepoint, or null to start fresh
 */
public record JobSubmission(Path jar, String entryClass, List<String> args, int parallelism, String savepointPath) {

    public JobSubmission {
        args = List.copyOf(args);
    }

    public JobSubmission restoringFrom(String savepoint) {
        return new JobSubmission(jar, entryClass, args, parallelism, savepoint);
    }
}
