package io.flinkcertify.harness.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deployer needs of the job an application cluster is started with (application mode); {@code null} as the
 * job means a session cluster, which is deployed without one. The same for every target that deploys through one
 * of Flink's cluster descriptors, so YARN and Kubernetes start the job alike.
 */
public final class ApplicationCluster {

    /**
     * The configuration keys that make the cluster run {@code job}; none for a session cluster.
     *
     * @param jarUri the job's jar as the cluster's JobManager reaches it ({@code file:} on YARN, {@code local:} in a pod)
     */
    public static Map<String, String> config(JobSubmission job, String jarUri) {
        Map<String, String> owned = new LinkedHashMap<>();
        if (job != null) {
            // the harness must read the job's terminal state (FINISHED, or the savepoint of a stop) before the
            // cluster goes: keep it up after the job ends; the target's close ends the cluster
            owned.put("execution.shutdown-on-application-finish", "false");
            owned.put("pipeline.jars", jarUri);
            owned.put("parallelism.default", Integer.toString(job.parallelism()));
            if (job.savepointPath() != null) {
                owned.put("execution.savepoint.path", job.savepointPath());
            }
        }
        return owned;
    }

    /** The deployer's command line: {@code leading}, then the job's entry class and arguments in application mode. */
    public static List<String> deployerArguments(List<String> leading, JobSubmission job) {
        List<String> args = new ArrayList<>(leading);
        if (job != null) {
            args.add(job.entryClass());
            args.addAll(job.args());
        }
        return args;
    }

    private ApplicationCluster() {}
}
