package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.rest.FlinkRest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a job gets its cluster. Application mode (a cluster per job, started with the job) is what production runs
 * on YARN and Kubernetes, so it is the default; session mode (a cluster first, jobs submitted to it) is what
 * yarn-session.sh and kubernetes-session.sh users run. Targets without an application entrypoint run sessions.
 */
public enum DeploymentMode {
    APPLICATION("application"), SESSION("session");

    private final String label;

    DeploymentMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Submits {@code job} the way this mode does: to a session cluster over REST; in application mode by deploying
     * the job's own cluster ({@code deploy}, once per target) and reading the job id back from its REST API.
     *
     * @param deployed whether the target's application cluster already exists
     * @param cluster  the cluster's name, for messages
     */
    public String submit(JobSubmission job, FlinkRest rest, boolean deployed, Consumer<JobSubmission> deploy,
                         String cluster, Duration timeout) {
        if (this == SESSION) {
            return rest.submitJar(job);
        }
        if (deployed) {
            throw new IllegalStateException("application mode runs one job per target; " + cluster + " is already deployed");
        }
        deploy.accept(job);
        return Waits.until("the application's job to appear at " + cluster, timeout,
                () -> rest.get("/jobs").path("jobs"), jobs -> jobs.size() > 0).get(0).path("id").asText();
    }

    public static Optional<DeploymentMode> fromLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(DeploymentMode::label).toList();
    }
}
