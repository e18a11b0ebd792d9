package io.flinkcertify.harness.target;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    public static Optional<DeploymentMode> fromLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(DeploymentMode::label).toList();
    }
}
