package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;

import java.util.List;
import java.util.Optional;

/**
 * Whether moving a job back is verified: a savepoint taken on a Kubernetes target restored on the YARN side
 * (the migration suite's {@code savepoint-portability} check on {@code <kubernetes>-><yarn>}).
 */
final class RollbackRehearsal {

    private static final List<String> KUBERNETES = List.of("k8s", "k3s", "kubeconfig");
    private static final String YARN = "yarn";

    private RollbackRehearsal() {}

    static Optional<CheckResult> of(List<CheckResult> checks) {
        return checks.stream().filter(c -> "savepoint-portability".equals(c.name()) && isKubernetesToYarn(c.target()))
                .filter(c -> c.status() != CheckStatus.SKIPPED)
                // a failure anywhere outweighs a pass elsewhere
                .min((a, b) -> Boolean.compare(a.status() == CheckStatus.FAILED, b.status() == CheckStatus.FAILED) * -1);
    }

    static boolean isKubernetesToYarn(String target) {
        int arrow = target == null ? -1 : target.indexOf("->");
        if (arrow < 0) {
            return false;
        }
        String from = target.substring(0, arrow);
        return KUBERNETES.stream().anyMatch(from::startsWith) && target.substring(arrow + 2).startsWith(YARN);
    }

    /** The sentence the advice ends with. */
    static String statement(List<CheckResult> checks) {
        return of(checks).map(c -> c.status() == CheckStatus.PASSED
                        ? "the Kubernetes -> YARN savepoint restore is verified (" + c.target() + "): rolling back is safe"
                        : "rollback not verified: the Kubernetes -> YARN savepoint restore failed (" + c.target() + ": "
                        + c.reason() + ")")
                .orElse("rollback not verified: no Kubernetes -> YARN savepoint restore was rehearsed (run the "
                        + "integration suite with a YARN and a Kubernetes target)");
    }
}
